"""Unit tests of codes.py, validation.py and masking.py with real codes."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn import ric, uscc

from zhibao.registry import codes, masking, validation
from zhibao.registry.models import IPRight, MarketEntity, Person

# Published unified social credit codes (python-stdnum's example, Huawei Technologies Co., Ltd.).
REAL_USCC = ["91110000600037341L", "914403001922038216"]
# Resident ID numbers from the GB 11643 standard's and python-stdnum's examples.
REAL_RIC = ["11010519491231002X", "360426199101010071"]


# -- codes -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", REAL_USCC)
def test_real_usccs_pass(code):
    assert codes.clean_uscc(code) == code
    assert codes.clean_uscc(" " + code.lower()[:6] + " " + code[6:] + " ") == code


@pytest.mark.parametrize("bad,code", [
    ("91110000600037341X", "checksum"), ("914403001922038217", "checksum"),
    ("9111000060003734", "length"), ("91110000600037341L0", "length"),
    ("91110000600037341I", "format"), ("", "required"), (None, "required"),
])
def test_bad_usccs_are_named(bad, code):
    with pytest.raises(ValidationError) as exc:
        codes.clean_uscc(bad)
    assert exc.value.code == code


def test_uscc_length_message_says_how_long():
    with pytest.raises(ValidationError) as exc:
        codes.clean_uscc("9111000060003734")
    assert "16" in exc.value.messages[0]


@pytest.mark.parametrize("number", REAL_RIC)
def test_real_id_numbers_pass(number):
    assert codes.clean_id_number(number) == number
    assert codes.clean_id_number(number.lower()) == number


@pytest.mark.parametrize("bad,code", [
    ("110105194912310021", "checksum"), ("11010519491231002", "length"),
    ("110105194913310021", "format"),  # month 13, with a matching check digit
])
def test_bad_id_numbers_are_named(bad, code):
    with pytest.raises(ValidationError) as exc:
        codes.clean_id_number(bad)
    assert exc.value.code == code


def test_made_codes_are_valid():
    assert uscc.is_valid(codes.make_uscc("610113", 31 * 5))
    n = codes.make_id_number("610113", datetime.date(1985, 3, 4), 17)
    assert ric.is_valid(n) and ric.get_birth_date(n) == datetime.date(1985, 3, 4)


@pytest.mark.parametrize("written,kind,canonical", [
    ("ZL201810123456.5", "invention", "ZL201810123456.5"),
    ("201810123456.5", "invention", "ZL201810123456.5"),
    ("CN 2018 1 0123456.5", "", "ZL201810123456.5"),
    ("zl202130000042.6", "design", "ZL202130000042.6"),
    ("ZL03100002.9", "", "ZL03100002.9"),  # before October 2003: 8 digits
])
def test_patent_numbers(written, kind, canonical):
    assert codes.clean_patent_number(written, kind) == canonical


@pytest.mark.parametrize("written,kind,code", [
    ("ZL201810123456.7", "invention", "checksum"),
    ("ZL201810123456.5", "design", "kind"),
    ("ZL2018101234", "", "format"),
])
def test_bad_patent_numbers(written, kind, code):
    with pytest.raises(ValidationError) as exc:
        codes.clean_patent_number(written, kind)
    assert exc.value.code == code


def test_patent_check_digit_is_cnipas():
    # 2+0+4+40+6+0+8+18+6+12+20+30 = 148; 148 mod 11 = 5
    assert codes.patent_check_digit("201810123456") == "5"
    assert codes.make_patent_number(2018, "invention", 123456) == "ZL201810123456.5"


# -- validation ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["<script>x</script>", "<b>", "< img src=x>", "javascript:alert(1)",
                                  "x onmouseover=1", "<!-- -->", "</p>"])
def test_markup_is_refused(text):
    with pytest.raises(ValidationError):
        validation.plain_text(text)


def test_plain_text_passes_chinese_and_punctuation():
    validation.plain_text("西安市雁塔区科技路48号（高新区）—— A&B 公司 “秦川” 3>2")


def test_control_characters_are_refused():
    with pytest.raises(ValidationError) as exc:
        validation.plain_text("秦川\x00")
    assert exc.value.code == "control"


@pytest.mark.parametrize("phone,ok", [("029-88886666", True), ("+86 139 1234 5678", True), ("(029)8888", True),
                                      ("1234", False), ("call me", False), ("1" * 21, False)])
def test_phone(phone, ok):
    if ok:
        validation.phone(phone)
    else:
        with pytest.raises(ValidationError):
            validation.phone(phone)


def test_dates_in_the_future_are_refused():
    validation.not_in_future(timezone.localdate())
    with pytest.raises(ValidationError):
        validation.not_in_future(timezone.localdate() + datetime.timedelta(days=1))


@pytest.mark.parametrize("raw,clean", [("7, 42 ,9", "7,9,42"), ("42，9；9 35", "9,35,42"), ("", "")])
def test_nice_classes_are_normalized(raw, clean):
    assert validation.clean_nice_classes(raw) == clean


@pytest.mark.parametrize("raw", ["0", "46", "9a", "-1"])
def test_bad_nice_classes(raw):
    with pytest.raises(ValidationError):
        validation.clean_nice_classes(raw)


def test_clean_person_fills_birth_date_and_gender():
    person = Person(name="王芳", id_number="11010519491231002x")
    validation.clean_person(person)
    assert person.id_number == "11010519491231002X"
    assert person.birth_date == datetime.date(1949, 12, 31) and person.gender == "F"
    with pytest.raises(ValidationError):
        validation.clean_person(Person(name="王芳", id_number="11010519491231002X", gender="M"))


def test_clean_right_by_kind():
    right = IPRight(kind="trademark", number=" 12345678 ", title="秦川", nice_classes="42,7")
    validation.clean_right(right)
    assert right.number == "12345678" and right.nice_classes == "7,42"
    with pytest.raises(ValidationError) as exc:
        validation.clean_right(IPRight(kind="gi", number="第1号", title="x", ipc_classes="A01"))
    assert set(exc.value.message_dict) == {"gi_regime", "ipc_classes"}


def test_clean_entity_normalizes_the_code():
    entity = MarketEntity(name="x", uscc="914403001922038216 ".lower())
    validation.clean_entity(entity)
    assert entity.uscc == "914403001922038216"


# -- masking -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,masked", [("张三丰", "张**"), ("李四", "李*"), ("欧阳娜娜", "欧***"), ("王", "*"), ("", "")])
def test_mask_name(raw, masked):
    assert masking.name(raw) == masked


def test_mask_id_number_keeps_region_and_last_four():
    assert masking.id_number("11010519491231002X") == "1101**********002X"
    assert masking.id_number(None) == "" and masking.id_number("1234") == "****"


def test_mask_phone_and_address():
    assert masking.phone("13912345678") == "139****5678"
    assert masking.phone("12345") == "*****"
    assert masking.address("西安市雁塔区科技路48号") == "西安市雁塔区****"
    assert masking.address("陕西省西安市碑林区东大街1号")[:-4] not in ("", "陕西省西安市碑林区东大街1号")


def test_mask_person_hides_every_personal_field():
    person = Person(name="张三丰", id_number="11010519491231002X", phone="13912345678", address="西安市雁塔区科技路48号")
    shown = masking.person(person)
    for field in Person.PERSONAL_FIELDS:
        value = getattr(person, field)
        assert shown[field] != value and "*" in shown[field]


@pytest.mark.django_db
def test_save_record_names_the_duplicate_before_any_constraint(reg):
    from zhibao.registry import services

    existing = MarketEntity.objects.get(name="西安秦川智能装备有限公司")
    copy = MarketEntity(name="另一家公司", uscc=existing.uscc, district=existing.district)
    with pytest.raises(services.Duplicate) as caught:
        services.save_record(copy)
    assert caught.value.existing == existing and copy.pk is None


@pytest.mark.django_db
def test_negative_registered_capital_is_refused_by_the_model(reg):
    from zhibao.registry import services

    entity = MarketEntity.objects.get(name="西安曲江文化传媒有限公司")
    entity.registered_capital = -1
    with pytest.raises(ValidationError) as caught:
        services.save_record(entity)
    assert "registered_capital" in caught.value.message_dict
    entity.refresh_from_db()
    assert entity.registered_capital is None or entity.registered_capital >= 0
