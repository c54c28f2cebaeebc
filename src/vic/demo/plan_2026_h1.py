"""Invented directives of UBND tỉnh Cà Mau, January–April 2026 (see plan.py)."""

from __future__ import annotations

from .history import DONE, LATE, NONE, ON_TIME, PROGRESS
from .plan import DISTRICTS, GD, MIXED, SERIES, G, d

DIRECTIVES_H1 = [
    GD(
        "Kế hoạch",
        "18",
        "KH-UBND",
        d("2026-01-12"),
        "Kế hoạch triển khai thực hiện các nhiệm vụ, giải pháp chủ yếu về phát triển kinh tế - xã hội, "
        "dự toán ngân sách nhà nước năm 2026",
        "vc_economy",
        (
            G(
                "Tổng hợp, báo cáo UBND tỉnh tình hình thực hiện kế hoạch phát triển kinh tế - xã hội hằng tháng "
                "(số liệu từ ngày 15 tháng trước đến ngày 14 tháng báo cáo)",
                "Sở Kế hoạch và Đầu tư",
                SERIES,
                "2026-01-20",
                frequency="monthly",
                until="2026-12-31",
                report_to="UBND tỉnh (qua Văn phòng UBND tỉnh)",
                expected_output="Báo cáo tháng",
                report_by=True,
            ),
            G(
                "Tham mưu UBND tỉnh quyết định giao dự toán thu, chi ngân sách nhà nước năm 2026 cho các sở, ban, "
                "ngành tỉnh và UBND các huyện, thành phố",
                "Sở Tài chính",
                ON_TIME,
                "2026-01-31",
                key=True,
                expected_output="Dự thảo Quyết định giao dự toán ngân sách",
            ),
            G(
                "Giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2026 cho UBND các xã, phường, thị trấn; "
                "gửi kết quả về Sở Kế hoạch và Đầu tư để tổng hợp",
                DISTRICTS,
                MIXED,
                "2026-02-28",
                report_to="Sở Kế hoạch và Đầu tư",
            ),
            G(
                "Chủ trì, phối hợp với Sở Tài chính tham mưu phân bổ chi tiết kế hoạch vốn đầu tư công năm 2026; "
                "đề xuất điều chuyển vốn của các dự án giải ngân chậm",
                "Sở Kế hoạch và Đầu tư",
                LATE,
                "2026-03-15",
                ("Sở Tài chính", "Kho bạc Nhà nước tỉnh"),
                key=True,
                expected_output="Tờ trình phân bổ vốn",
            ),
        ),
        department="TH",
    ),
    GD(
        "Công văn",
        "246",
        "UBND-KT",
        d("2026-02-04"),
        "Về việc triển khai các biện pháp phòng, chống hạn hán, xâm nhập mặn mùa khô năm 2025 - 2026",
        "vc_economy",
        (
            G(
                "Theo dõi chặt chẽ diễn biến xâm nhập mặn; chỉ đạo vận hành hợp lý hệ thống cống, đập ngăn mặn, "
                "giữ ngọt; hướng dẫn người dân tích trữ nước ngọt phục vụ sản xuất và sinh hoạt",
                "Sở Nông nghiệp và Phát triển nông thôn",
                PROGRESS,
                coordinators=("Sở Tài nguyên và Môi trường", DISTRICTS),
                key=True,
            ),
            G(
                "Rà soát, thống kê số hộ dân thiếu nước sinh hoạt; xây dựng phương án cấp nước sinh hoạt cho "
                "người dân trong mùa khô, báo cáo UBND tỉnh",
                DISTRICTS,
                MIXED,
                "2026-03-10",
                report_to="UBND tỉnh (qua Sở Nông nghiệp và Phát triển nông thôn)",
                report_by=True,
            ),
            G(
                "Tăng cường quan trắc chất lượng nước mặt, nước dưới đất; cảnh báo kịp thời cho người dân và "
                "các cơ sở sản xuất",
                "Sở Tài nguyên và Môi trường",
                NONE,
            ),
            G(
                "Tăng cường thông tin, tuyên truyền về tình hình hạn hán, xâm nhập mặn và các biện pháp ứng phó",
                "Đài Phát thanh - Truyền hình tỉnh; Báo Cà Mau",
                DONE,
            ),
        ),
    ),
    GD(
        "Thông báo kết luận",
        "52",
        "TB-UBND",
        d("2026-03-10"),
        "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp đánh giá tiến độ giải ngân vốn đầu tư công quý I năm 2026",
        "chairman",
        (
            G(
                "Đôn đốc nhà thầu đẩy nhanh tiến độ thi công các công trình giao thông trọng điểm; báo cáo khó "
                "khăn, vướng mắc vượt thẩm quyền",
                "Sở Giao thông vận tải",
                PROGRESS,
                "2026-06-30",
                key=True,
            ),
            G(
                "Hoàn thành thẩm định thiết kế cơ sở các dự án nhóm B khởi công mới năm 2026",
                "Sở Xây dựng",
                LATE,
                "2026-04-15",
            ),
            G(
                "Phối hợp với Kho bạc Nhà nước tỉnh kiểm soát, thanh toán kịp thời khối lượng hoàn thành ngay "
                "khi có hồ sơ hợp lệ",
                "Sở Tài chính",
                DONE,
                coordinators=("Kho bạc Nhà nước tỉnh",),
            ),
            G(
                "Hướng dẫn, tháo gỡ vướng mắc trong công tác bồi thường, giải phóng mặt bằng các dự án trọng "
                "điểm; báo cáo kết quả",
                "Sở Tài nguyên và Môi trường",
                NONE,
                "2026-05-29",
                (DISTRICTS,),
            ),
        ),
        department="KT",
        signer_position="Chủ tịch",
    ),
    GD(
        "Công văn",
        "598",
        "UBND-NC",
        d("2026-03-25"),
        "Về việc bảo đảm trật tự, an toàn giao thông dịp Lễ Giỗ Tổ Hùng Vương, Lễ 30/4, 1/5 và mùa du lịch "
        "hè năm 2026",
        "vc_internal",
        (
            G(
                "Tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm về nồng độ cồn, tốc độ, chở "
                "quá số người quy định; báo cáo kết quả về UBND tỉnh",
                "Công an tỉnh",
                ON_TIME,
                "2026-05-10",
                ("Sở Giao thông vận tải",),
                report_by=True,
            ),
            G(
                "Kiểm tra điều kiện an toàn của phương tiện thủy nội địa chở khách, bến khách ngang sông trước "
                "kỳ nghỉ lễ",
                "Sở Giao thông vận tải",
                ON_TIME,
                "2026-04-25",
            ),
            G(
                "Chỉ đạo lực lượng chức năng bảo đảm trật tự, an toàn giao thông tại các khu, điểm du lịch trên "
                "địa bàn",
                "UBND thành phố Cà Mau; UBND huyện Năm Căn; UBND huyện Ngọc Hiển",
                MIXED,
                "2026-05-05",
            ),
        ),
    ),
    GD(
        "Chỉ thị",
        "06",
        "CT-UBND",
        d("2026-04-20"),
        "Về đẩy mạnh cải cách hành chính, chuyển đổi số, nâng cao chất lượng phục vụ người dân, doanh nghiệp "
        "năm 2026",
        "chairman",
        (
            G(
                "Rà soát, công bố, công khai đầy đủ thủ tục hành chính thuộc thẩm quyền; bảo đảm 100% hồ sơ được "
                "tiếp nhận, giải quyết trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
                "Các sở, ban, ngành tỉnh",
                MIXED,
                "2026-06-30",
                report_to="UBND tỉnh (qua Sở Nội vụ)",
            ),
            G(
                "Chủ trì tham mưu xây dựng, tổ chức đánh giá Bộ chỉ số cải cách hành chính của các sở, ban, ngành "
                "và UBND các huyện, thành phố năm 2026",
                "Sở Nội vụ",
                PROGRESS,
                "2026-12-20",
                key=True,
                expected_output="Quyết định công bố Chỉ số",
            ),
            G(
                "Hoàn thành kết nối, tích hợp Cổng Dịch vụ công của tỉnh với Cổng Dịch vụ công quốc gia; bảo đảm "
                "an toàn, an ninh thông tin",
                "Sở Thông tin và Truyền thông",
                NONE,
                "2026-12-31",
                key=True,
            ),
            G(
                "Chỉ đạo UBND các xã, phường, thị trấn số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; báo "
                "cáo kết quả về Sở Nội vụ",
                DISTRICTS,
                MIXED,
                "2026-12-25",
                report_to="Sở Nội vụ",
            ),
        ),
        department="NC",
        signer_position="Chủ tịch",
    ),
    GD(
        "Công văn",
        "872",
        "UBND-KGVX",
        d("2026-04-29"),
        "Về việc tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm 2026 trên địa bàn tỉnh",
        "vc_culture",
        (
            G(
                "Chủ trì tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm 2026 an toàn, nghiêm túc, đúng quy "
                "chế; báo cáo kết quả về UBND tỉnh",
                "Sở Giáo dục và Đào tạo",
                LATE,
                "2026-07-15",
                ("Công an tỉnh", "Sở Y tế"),
                key=True,
            ),
            G(
                "Bảo đảm an ninh, trật tự, vệ sinh môi trường, cung cấp điện, nước tại các điểm thi; hỗ trợ thí "
                "sinh có hoàn cảnh khó khăn",
                DISTRICTS,
                MIXED,
                "2026-06-30",
            ),
            G("Bảo đảm công tác y tế, an toàn thực phẩm tại các điểm thi", "Sở Y tế", ON_TIME, "2026-06-25"),
            G("Tổ chức chương trình Tiếp sức mùa thi năm 2026", "Tỉnh đoàn", ON_TIME, "2026-07-05"),
        ),
    ),
]
