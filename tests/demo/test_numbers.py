"""Official number formats of the demo: patent check characters on real published numbers,
unique scattered serials, and the other formats."""
import re

import pytest
from stdnum.cn import uscc

from zhibao.demo.numbers import Allocator, Numbers, Permutation, is_valid_patent_number, patent_number
from zhibao.registry.codes import patent_check_digit

# Published Chinese patent numbers (from patent lists and product pages), with their check characters.
REAL_PATENT_NUMBERS = [
    "201710601862.3",   # worked example of the check-digit formula
    "202010566088.9",
    "201510958772.0",
    "200510096239.4",
    "202322865413.3",   # utility model
    "202510942578.7",
    "201811564288.X",   # check value 10 is written X
    "202110377287.X",
    "202510010203.7",
    "201010613264.6",
    "201010603363.6",
    "202411020646.6",
    "97101765.4",        # 8-digit number from before October 2003 (weights 2..9)
    "95115608.X",
]


@pytest.mark.parametrize("number", REAL_PATENT_NUMBERS)
def test_check_character_of_real_patent_numbers(number):
    digits, check = number.split(".")
    assert patent_check_digit(digits) == check
    assert is_valid_patent_number(f"ZL{number}")


@pytest.mark.parametrize("number", ["ZL202310123456.7", "ZL201810123456.7", "ZL97101765.5", "ZL2017106018623",
                                    "ZL20171060186.3", "ZL201710601862.Y"])
def test_wrong_or_malformed_patent_numbers_are_refused(number):
    assert not is_valid_patent_number(number)


def test_weights_over_twelve_digits():
    # 2·2+0·3+1·4+7·5+1·6+0·7+6·8+0·9+1·2+8·3+6·4+2·5 = 157 = 14·11 + 3
    assert patent_check_digit("201710601862") == "3"


def test_patent_number_format():
    assert patent_number("utility", 2023, 2865413) == "ZL202322865413.3"
    assert re.fullmatch(r"ZL\d{4}[123]\d{7}\.[\dX]", patent_number("design", 2021, 7))


def test_permutation_is_a_bijection():
    perm = Permutation(100, 997, "t")
    values = [perm(k) for k in range(997)]
    assert sorted(values) == list(range(100, 1097))
    with pytest.raises(OverflowError):
        perm(997)


def test_allocator_skips_reserved_values_and_never_repeats():
    allocator = Allocator(1, "x", lambda key: (0, 49))
    allocator.reserve("k", 7)
    drawn = [allocator.next("k") for _i in range(49)]
    assert 7 not in drawn and len(set(drawn)) == 49


def test_same_seed_same_numbers_other_seed_other_numbers():
    def first(seed):
        numbers = Numbers(seed)
        return [numbers.patent("invention", 2020) for _i in range(5)] + [numbers.trademark(2019)]

    assert first(3) == first(3)
    assert first(3) != first(4)


def test_numbers_look_like_the_real_ones():
    numbers = Numbers(1)
    assert re.fullmatch(r"4[4-9]\d{6}|5[0-2]\d{6}", numbers.trademark(2020))
    assert re.fullmatch(r"陕作登字-2023-F-\d{8}", numbers.work(False, 2023, "F"))
    assert re.fullmatch(r"国作登字-2023-A-\d{8}", numbers.work(True, 2023, "A"))
    assert re.fullmatch(r"2023SR\d{7}", numbers.software_copyright(2023))
    variety = numbers.plant_variety(2019)
    assert re.fullmatch(r"CNA2019\d{4}\.\d", variety)
    assert patent_check_digit(variety[3:11]) == variety[-1]
    assert patent_check_digit("20080376") == "X"  # published plant variety right CNA20080376.X


def test_uscc_codes_are_valid_and_distinct():
    numbers = Numbers(1)
    codes = [numbers.uscc_code("610113", "9", "1") for _i in range(2000)]
    assert len(set(codes)) == 2000
    assert all(uscc.is_valid(code) and code.startswith("91610113") for code in codes)
