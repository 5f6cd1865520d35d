"""Import files for tests and measurements: valid entity and right rows, written as CSV or .xlsx.

USCCs come from registry.codes.make_uscc with serials 31 apart (make_uscc drops the last
base-31 digit of the serial, so nearer serials collide).
"""
import csv
import io
from datetime import date

from openpyxl import Workbook

from zhibao.registry.codes import make_patent_number, make_uscc

ENTITY_HEADER_ZH = ["统一社会信用代码", "名称", "所在区县", "类型", "法定代表人", "地址", "行业", "成立日期", "电话"]
ENTITY_HEADER_EN = ["uscc", "name", "district", "kind", "legal_representative", "address", "industry",
                    "established", "phone"]


def uscc(i: int, region: str = "610113") -> str:
    return make_uscc(region, 31 * (i + 1000))


def entity_row(i: int, district: str = "雁塔区", region: str = "610113") -> list:
    return [uscc(i, region), f"西安测试{i}科技有限公司", district, "公司", "张三", f"西安市雁塔区科技路{i % 500 + 1}号",
            "I", date(2010 + i % 12, 1 + i % 12, 1 + i % 28).isoformat(), "029-88886666"]


def entity_rows(n: int, start: int = 0, **kw):
    for i in range(start, start + n):
        yield entity_row(i, **kw)


def right_row(i: int, holder: str) -> list:
    return ["发明专利", make_patent_number(2018, "invention", 100000 + i), f"一种测试装置{i}", holder,
            "2018-02-01", "2020-06-09", "B23Q 11/12"]


RIGHT_HEADER_ZH = ["类型", "号码", "名称", "权利人统一社会信用代码", "申请日", "授权日", "IPC分类"]


def csv_bytes(header, rows, encoding="utf-8", bom=False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_csv(path, header, rows, encoding="utf-8") -> None:
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def xlsx_bytes(header, rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
