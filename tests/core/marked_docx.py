"""Real Word files (python-docx) carrying a confidentiality mark where a secretariat prints it: a paragraph
of the body, the first-page header, or a text box (the usual stamp box)."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml

WHERE = ["body", "header", "text box"]

_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def marked_docx(where: str, mark: str = "MẬT") -> bytes:
    doc = Document()
    doc.add_paragraph("SỞ TÀI CHÍNH")
    doc.add_paragraph("BÁO CÁO kết quả giải ngân vốn đầu tư công quý I năm 2026")
    if where == "body":
        doc.add_paragraph(mark)
    elif where == "header":
        section = doc.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = mark
    elif where == "text box":
        # Anchored in a paragraph with text on both sides, and the mark split across two runs, as Word does.
        first, rest = mark[0], mark[1:]
        box = (
            f"<w:p {_NAMESPACES}><w:r><w:t>Số: 12/BC-STC</w:t></w:r><w:r><w:pict>"
            '<v:shape style="width:80pt;height:30pt"><v:textbox><w:txbxContent>'
            f"<w:p><w:r><w:t>{first}</w:t></w:r><w:r><w:t>{rest}</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>Kính gửi</w:t></w:r></w:p>"
        )
        doc.element.body.insert(0, parse_xml(box))
    else:
        raise ValueError(where)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
