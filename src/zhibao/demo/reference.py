"""Reference data: divisions, population, development zones and public bodies."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zhibao.registry.models import DevelopmentZone, District, Organization, PopulationRecord

from .data import divisions, organizations, zones


@dataclass
class Reference:
    """The reference rows of one run, by natural key, for the generators to point at."""

    city: District
    districts: dict[str, District]            # Xi'an's 13 districts and counties by code
    cluster: dict[str, District]
    zones: dict[str, DevelopmentZone]          # by name
    orgs: dict[str, Organization]              # by name
    bureau: dict[str, Organization] = field(default_factory=dict)  # district code → its AMR bureau


def load_reference(writer) -> Reference:
    city_code, city_name = divisions.XIAN
    city = District(code=city_code, name=city_name, level="city")
    writer.save(District, [city])
    districts = [District(code=code, name=name, level=level, parent=city)
                 for code, name, level in divisions.XIAN_DISTRICTS]
    cluster = [District(code=code, name=name, level="city", in_cluster=True)
               for code, name in divisions.CLUSTER_CITIES]
    writer.save(District, districts + cluster)

    population = [PopulationRecord(district=city, year=year, population=number, source=source)
                  for year, number, source in divisions.XIAN_POPULATION]
    city_2024 = dict((y, n) for y, n, _s in divisions.XIAN_POPULATION)[divisions.DISTRICT_POPULATION_YEAR]
    parts = divisions.split_population(city_2024, divisions.DISTRICT_POPULATION_WEIGHTS)
    by_code = {d.code: d for d in districts}
    population += [PopulationRecord(district=by_code[code], year=divisions.DISTRICT_POPULATION_YEAR,
                                    population=number, source=divisions.DISTRICT_POPULATION_SOURCE)
                   for code, number in sorted(parts.items())]
    writer.save(PopulationRecord, population)

    zone_rows = [DevelopmentZone(name=name, short_name=short, level=level, district=by_code[code], note=note)
                 for name, short, level, code, note in zones.ZONES]
    writer.save(DevelopmentZone, zone_rows)

    all_divisions = {city.code: city, **by_code, **{c.code: c for c in cluster}}
    org_rows = organizations.organizations()
    orgs = [Organization(name=name, short_name=short, kind=kind,
                         district=all_divisions[code] if code else None)
            for name, short, kind, code, _parent in org_rows]
    writer.save(Organization, orgs)
    org_by_name = {org.name: org for org in orgs}
    children = []
    for org, (_n, _s, _k, _c, parent) in zip(orgs, org_rows):
        if parent:
            org.parent = org_by_name[parent]
            children.append(org)
    Organization.objects.bulk_update(children, ["parent"], batch_size=writer.batch_size)
    writer.say(_("  reference data: %(d)d divisions, %(z)d zones, %(o)d organizations")
               % {"d": 1 + len(districts) + len(cluster), "z": len(zone_rows), "o": len(orgs)})

    return Reference(
        city=city, districts=by_code, cluster={c.code: c for c in cluster},
        zones={z.name: z for z in zone_rows}, orgs=org_by_name,
        bureau={code: org_by_name[organizations.district_bureau(code)] for code in by_code},
    )
