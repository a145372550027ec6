"""What the managing pages show for the registry's codes and the audit log's details."""

from __future__ import annotations

from typing import Any

from vanban import vocab
from vanban.web import labels


def document_name(doc) -> str:
    """How a page names a document in a sentence: "Nghị quyết số 15-NQ/TU", else its title."""
    if doc.doc.number:
        return f"{labels.kind(doc.doc.kind)} số {doc.doc.number}"
    return doc.doc.title or doc.id[:12] + "…"


def file_role(code: str) -> str:
    return vocab.FILE_ROLES.get(code, code)


def audit_action(code: str) -> str:
    return vocab.AUDIT_ACTIONS.get(code, code)


def duplicate_reason(code: str) -> str:
    return vocab.DUPLICATE_REASONS.get(code, code)


def correction_value(value: Any, field: str) -> str:
    """A corrected or extracted value as people read it: labels for codes, dd/mm/yyyy dates."""
    if value in (None, "", {}):
        return ""
    if field == "kind":
        return labels.kind(value)
    if field == "level":
        return labels.level(value)
    if field == "date":
        return labels.date(value)
    if field == "period" and isinstance(value, dict):
        return f"{value.get('start', '')}–{value.get('end', '')}"
    return str(value)


def audit_detail(entry) -> str:
    """One line saying what an audit entry changed."""
    d = entry.detail
    if entry.action in ("upload", "ingest"):
        said = {"ingested": "đã đưa vào kho", "failed": "lỗi: " + d.get("error", "")}.get(d.get("status", ""))
        if d.get("status") == "skipped":
            said = (f"đã có trong kho là {d.get('stored_as', 'văn bản khác')} ("
                    + duplicate_reason(d.get("reason", "same_file")) + ")")
        return f"{d.get('path', '')}: {said or d.get('status', '')}"
    if entry.action == "delete":
        what = "".join(f" {part}" for part in (d.get("number"), d.get("title") and f"«{d['title']}»") if part)
        return f"xóa văn bản{what} và {len(d.get('files', []))} tệp"
    if entry.action == "replace":
        return f"thay bằng tệp {d.get('file', '')}"
    if entry.action == "correct":
        return "; ".join(
            f"{vocab.CORRECTABLE.get(f, f)}: {correction_value(c.get('from'), f) or '(trống)'} → "
            f"{correction_value(c.get('to'), f) or '(trống)'}" for f, c in d.items())
    return str(d)


FILTERS = {"file_role": file_role, "audit_action": audit_action, "audit_detail": audit_detail,
           "correction_value": correction_value, "duplicate_reason": duplicate_reason}
