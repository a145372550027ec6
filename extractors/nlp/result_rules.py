"""The phrases that tell a reported result from a target, a forecast or a task, each with its reason.

Patterns are matched on the lower-cased text (not folded: folding makes "đã", done, of "tối đa", at
most). ``results.py`` applies them; this module holds only the tables.

What a report's number is decides on the nearest cue before it in its clause: "phải đạt 90% trong
năm 2025" is a target, "(đến nay mới đạt 39,5%)" a result, "phấn đấu đạt 500.000 thuê bao" a
target although "đạt" is the word results use too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cue:
    pattern: re.Pattern
    why: str
    strong: bool = False  # firm: reports the value even under a heading of tasks or goals
    estimate: bool = False


def _cues(*rows: tuple) -> tuple[Cue, ...]:
    return tuple(Cue(re.compile(rf"(?<!\w)(?:{row[0]})(?!\w)"), *row[1:]) for row in rows)


# Before a value: it was reached (or is estimated to be).
REACHED = _cues(
    (r"đã|đã có|đã đạt", "done: the past marker (đã kết nạp, đã trồng, đã trình)", True),
    (r"đạt|đạt được|đạt mức|đạt tỷ lệ|đạt tỉ lệ", "reached, unless a goal word governs it (phải đạt, phấn đấu đạt)"),
    (r"ước đạt|ước tính|ước thực hiện|ước", "an estimate of what was reached", True, True),
    (r"mới đạt|chỉ đạt|mới có|chỉ có|mới phân bổ|mới giải ngân|mới hoàn thành|chỉ(?=\s+\d)",
     "reached, and short of what was wanted", True),
    (r"đến nay|hiện nay|hiện có|hiện đã|tính đến|đến hết|lũy kế|luỹ kế|tới nay",
     "a value standing at the report's date or a past one", True),
    (r"có|đang", "a count that stands now (toàn tỉnh có 55/78 xã, đang kết nối với 42 đơn vị)"),
    (r"còn|giảm còn|giảm xuống còn|tăng lên|tăng(?!\s+trưởng)|giảm", "a change or a level reached"),
    (r"bằng|chiếm|gấp|tổng số là|tổng số|tổng cộng|là", "a share or an amount stated as it is"),
    (r"kết nạp được|xóa xong|xoá xong|hoàn thành|được", "reported as carried out"),
    (r"theo báo cáo|báo cáo cho thấy|kết quả", "what a report or a review found"),
    (r"bổ sung|bố trí|phân bổ|giải ngân|thu hút|huy động|cân đối đủ|cân đối thêm|cân đối",
     "money or means already allotted (a budget result)"),
)

FIRM = tuple(c for c in REACHED if c.strong)
# After a goal word, only these report the value as reached: a past or present marker, an estimate
# ("Phấn đấu ... đảng viên mới đạt 3%" is a goal: "mới" there is "new").
OVER_GOAL = _cues((r"đã|đến nay|hiện nay|hiện có|hiện đã|tính đến|đến hết|lũy kế|luỹ kế|tới nay|ước đạt|ước tính",
                   "a value reported as reached, whatever goal the sentence set before it"))

# Just after a value with no cue before it: "8/12 CSDL trọng yếu ... chưa bảo đảm", "tăng 26,94% so
# với cùng kỳ", "11/11 địa phương hoàn thành".
AFTER_REACHED = re.compile(r"[^;.()|]{0,70}?(?<!\w)(?:so với cùng kỳ|so cùng kỳ|so với năm trước|đã hoàn thành|hoàn thành việc"
                           r"|đã được|đã có|chưa bảo đảm|chưa đảm bảo|chưa đạt|được hình thành|đang triển khai)(?!\w)")
# Words ending a result's lead-in that are not part of what it measures ("đạt", "ước đạt", "có").
TAIL_WORDS = re.compile(r"(?:\s*(?<!\w)(?:đạt|đạt được|ước đạt|ước|mới đạt|chỉ đạt|đạt mức|đạt tỷ lệ|đạt tỉ lệ|là|có|đã có|"
                        r"bằng|chiếm|được|với|tổng số|tổng cộng|chỉ|còn|vẫn|vẫn còn|giảm còn|giảm xuống còn|xuống còn|"
                        r"thêm|khoảng|trên|gần|hơn|cân đối đủ|cân đối thêm|đủ|mức|giảm từ|tăng từ|từ|xuống|lên)(?!\w))+\s*$", re.IGNORECASE)
# A share of units that did a task: "34/34 địa phương hoàn thành", "đạt tỷ lệ 100%" after it.
COMPLETED_SHARE = re.compile(r"\b\d+/\d+\b.*\b(?:hoan thanh|quan triet|thuc hien|ban hanh)\b")
# A fraction whose clause says it is done: 34/34 địa phương hoàn thành.
PAST_OR_DONE = re.compile(r"(?<!\w)(?:hoàn thành|đã|xong|quán triệt|ban hành|thực hiện)(?!\w)")

# Before a value: it is wanted, forecast or assigned, not reached.
GOAL = _cues(
    (r"phải đạt|cần đạt|phải|cần", "a requirement: phải đạt 90% is a target"),
    (r"phấn đấu|phấn đấu đạt|mục tiêu|chỉ tiêu|đề ra|đặt ra|định hướng|tầm nhìn", "a goal word"),
    (r"dự kiến|dự báo|kỳ vọng|sẽ|sẽ đạt|kế hoạch năm|dự toán năm", "a forecast, not a value reached"),
    (r"giao|được giao|yêu cầu|đề nghị|đôn đốc", "an assignment (not \"chỉ đạo\": Ban Chỉ đạo is a name)"),
)
NORMS = _cues((r"ít nhất|tối thiểu|không dưới|không thấp hơn|tối đa|không quá|không vượt quá",
               "a floor or a ceiling is a norm"),
              (r"(?:giảm|tăng|nâng) từ", "the level a change starts from (giảm từ 14,6% xuống còn 7,9%), not the one reached"))
GOAL = GOAL + NORMS

# A clause that opens with one of these (and holds no past marker) sets a task: its numbers are the
# task's size ("Chủ trì xây dựng phương án ... 117 thôn", "Sửa đổi, bổ sung 322 văn bản").
TASK_OPENERS = re.compile(
    r"\W*(?:\(?[ivx\d]{1,4}[).]\s*|[a-zđ]\)\s*|[-+•]\s*)*(?:khẩn trương\s+|tiếp tục\s+|tập trung\s+)?"
    r"(?:chủ trì|phối hợp|xây dựng|triển khai|tổ chức|rà soát|nghiên cứu|tham mưu|trình|ban hành|"
    r"sửa đổi|hoàn thiện|hướng dẫn|thành lập|lựa chọn|cung cấp|bảo đảm|đảm bảo|đẩy mạnh|phát triển|"
    r"đầu tư|kiện toàn|thực hiện|hoàn thành|giao|đôn đốc|yêu cầu|đề nghị|tích hợp|số hoá|số hóa)(?!\w)")
PAST = re.compile(r"(?<!\w)(?:đã|đang|được|hiện|đến nay|mới)(?!\w)")

# Headings over a review part: its numbers are results by default.
REVIEW_HEADING = re.compile(r"\b(?:ket qua|tinh hinh|danh gia|so ket|tong ket|thuc trang|kiem diem|ton tai|han che)\b")
# Headings over goals and tasks: a number there is a result only with a cue of its own.
PLAN_HEADING = re.compile(r"\b(?:nhiem vu|giai phap|phuong huong|muc tieu|chi tieu|kien nghi|de xuat|"
                          r"to chuc thuc hien|thoi gian toi|de nghi|dinh huong|ke hoach)\b")

# Units that are never a result's: durations, ordinals, tiers, names ("6 rõ", "02 cấp"), a meeting's delegates.
# (A rank, "thứ hạng", is a result: "đứng thứ 04/34 tỉnh, thành phố".)
NOT_RESULT_UNIT = re.compile(r"^(?:ngay|thang|nam|gio|tuan|quy|phut|lan thu|thu(?! hang)|cap|ro|tuoi|ky|dai bieu|"
                             r"nhiem ky|buoc|giai doan|muc do|phien|so)\b")
# Units that count tasks or targets: these go to the task counts ("15/21 nhiệm vụ đã hoàn thành").
TASK_UNIT = re.compile(r"^(?:nhiem vu|chi tieu|noi dung|cong viec|tieu chi|nhom nhiem vu|nhom giai phap)\b")

# The text's own judgement of a value, nearest first; (pattern, assessment, why).
ASSESSMENT_WORDS: tuple[tuple[re.Pattern, str, str], ...] = tuple(
    (re.compile(rf"(?<!\w)(?:{p})(?!\w)"), a, why) for p, a, why in (
        (r"vượt (?:mức )?(?:kế hoạch|kịch bản|chỉ tiêu|mục tiêu|dự toán|tiến độ|kỳ vọng)(?: (?:đề ra|được giao|giao))?"
         r"|hoàn thành vượt(?: mức)?|vượt xa", "exceeded", "vượt: beyond what was set"),
        (r"chưa đạt|không đạt|khó đạt|khó hoàn thành|chưa hoàn thành|không hoàn thành|còn chậm|chậm tiến độ|"
         r"chậm|mới đạt|chỉ đạt|mới phân bổ|mới giải ngân|mới hoàn thành|còn thấp|thấp hơn (?:kế hoạch|mục tiêu|chỉ tiêu)|nguy cơ (?:chậm|không)|chỉ(?=\s+\d)",
         "behind", "chưa đạt, chậm, mới đạt: short of it"),
        (r"đạt và vượt tiến độ|đúng tiến độ|theo đúng tiến độ|bảo đảm tiến độ|đảm bảo tiến độ",
         "on_track", "tiến độ: on schedule"),
        (r"đạt (?:chỉ tiêu|kế hoạch|mục tiêu)(?: đề ra| được giao)?|hoàn thành (?:chỉ tiêu|kế hoạch|mục tiêu)|"
         r"cân đối đủ|bảo đảm đủ|hoàn thành(?!\s+(?:tốt|xuất sắc|nhiệm vụ))|đạt tỷ lệ 100%|đạt tỉ lệ 100%",
         "achieved", "đạt chỉ tiêu, hoàn thành: reached"),
    )
)
# "đạt 58,6% chỉ tiêu", "bằng 117,6% dự toán": the text's own share of what was set.
SHARE_OF_TARGET = re.compile(r"\s*(?:so với\s+)?(?:chỉ tiêu|kế hoạch|mục tiêu|dự toán|kịch bản|nhiệm vụ)(?!\w)")
SHARE_LEAD = re.compile(r"(?<!\w)(?:đạt|bằng|được|hoàn thành)\s*$")

# What a result measures, first match wins; (folded pattern over its indicator, unit and clause,
# kind, why). A money amount alone is no budget: an income per head is an indicator.
RESULT_KINDS: tuple[tuple[re.Pattern, str, str], ...] = tuple(
    (re.compile(p), kind, why) for p, kind, why in (
        (r"\b(?:ngan sach|nsnn|nstw|du toan|von dau tu|nguon von|giai ngan|kinh phi|tin dung|thu ngan sach|"
         r"chi ngan sach|von ngan sach|nguon tang thu|tong chi)\b", "budget", "a budget, its spending or funds"),
        (r"\b(?:ban hanh|xay dung xong)\b.*\b(?:ke hoach|van ban|thong tu|nghi dinh|quyet dinh|chuong trinh|"
         r"de an|nghi quyet|chi thi|huong dan)\b|\b(?:ke hoach|van ban|thong tu|nghi dinh|quyet dinh|"
         r"chuong trinh hanh dong|de an)\b.*\b(?:ban hanh|trinh)\b", "plans_issued",
         "plans or documents issued"),
        (r"^(?:cuoc hop|hoi nghi|cong van|buoi|lop|dot|doan|cuoc)\b", "other", "an activity, not an indicator"),
    )
)
