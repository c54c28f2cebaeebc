"""Invented directives of UBND tỉnh Cà Mau, June–December 2026 (see plan.py)."""

from __future__ import annotations

from .history import DONE, LATE, NONE, ON_TIME, PROGRESS, WITHDRAW
from .plan import DISTRICTS, GD, MIXED, G, d

DIRECTIVES_H2 = [
    GD(
        "Công văn",
        "1115",
        "UBND-KT",
        d("2026-06-04"),
        "Về việc triển khai các giải pháp thúc đẩy tăng trưởng kinh tế 6 tháng cuối năm 2026",
        "vc_economy",
        (
            G(
                "Đẩy mạnh xúc tiến thương mại, kết nối tiêu thụ tôm, cua, lúa gạo và sản phẩm OCOP của tỉnh",
                "Sở Công Thương",
                PROGRESS,
                "2026-09-30",
                ("Sở Nông nghiệp và Phát triển nông thôn",),
            ),
            G(
                "Rà soát, tháo gỡ khó khăn cho các dự án đầu tư ngoài ngân sách chậm triển khai; đề xuất thu hồi "
                "chủ trương đầu tư các dự án vi phạm",
                "Sở Kế hoạch và Đầu tư",
                ON_TIME,
                "2026-08-31",
                key=True,
            ),
            G(
                "Quyết liệt thu hồi nợ đọng thuế; phấn đấu thu ngân sách nhà nước năm 2026 vượt dự toán",
                "Cục Thuế tỉnh",
                NONE,
                "2026-10-31",
            ),
            G(
                "Đẩy nhanh tiến độ hoàn thiện hạ tầng Khu kinh tế Năm Căn để thu hút nhà đầu tư",
                "Ban Quản lý Khu kinh tế",
                PROGRESS,
                "2026-11-30",
            ),
        ),
        registered_on=d("2026-06-10"),
        delivered_on=d("2026-06-10"),
        notes="Văn thư vào sổ chậm: nhiệm vụ chuyển giao muộn so với hạn một ngày làm việc.",
    ),
    GD(
        "Công văn",
        "1522",
        "UBND-NC",
        d("2026-08-05"),
        "Về việc giải quyết đơn thư khiếu nại, tố cáo tồn đọng, kéo dài",
        "vc_internal",
        (
            G(
                "Rà soát, tham mưu giải quyết dứt điểm các vụ việc khiếu nại, tố cáo tồn đọng, kéo dài; báo cáo "
                "UBND tỉnh",
                "Thanh tra tỉnh",
                PROGRESS,
                "2026-11-15",
                report_by=True,
            ),
            G(
                "Tổ chức đối thoại, giải quyết dứt điểm các vụ việc khiếu nại liên quan đến bồi thường, hỗ trợ, "
                "tái định cư trên địa bàn",
                "UBND huyện Trần Văn Thời; UBND huyện Đầm Dơi",
                MIXED,
                "2026-10-30",
            ),
            G(
                "Kiểm tra, xác minh hồ sơ đất đai các vụ việc được giao; đề xuất hướng giải quyết",
                "Sở Tài nguyên và Môi trường",
                LATE,
                "2026-09-30",
            ),
            G(
                "Khẩn trương xác minh, xử lý các trường hợp tụ tập đông người khiếu kiện; báo cáo ngay UBND tỉnh",
                "Công an tỉnh",
                DONE,
                asap=True,
            ),
        ),
        registered_on=d("2026-08-07"),
        delivered_on=d("2026-08-12"),
        department="TCD",
    ),
    GD(
        "Công văn",
        "1760",
        "UBND-KGVX",
        d("2026-09-10"),
        "Về việc triển khai các hoạt động văn hóa, xã hội quý IV năm 2026",
        "vc_culture",
        (
            G(
                "Xây dựng kế hoạch tổ chức Ngày hội Văn hóa - Thể thao - Du lịch các dân tộc tỉnh Cà Mau năm 2026",
                "Sở Văn hóa, Thể thao và Du lịch",
                WITHDRAW,
                "2026-10-15",
            ),
            G(
                "Xây dựng chuyên mục tuyên truyền về Ngày hội Văn hóa - Thể thao - Du lịch các dân tộc tỉnh",
                "Đài Phát thanh - Truyền hình tỉnh",
                WITHDRAW,
                "2026-10-20",
            ),
            G(
                "Chi trả kịp thời, đầy đủ chế độ trợ cấp cho người có công với cách mạng, đối tượng bảo trợ xã hội",
                "Sở Lao động - Thương binh và Xã hội",
                DONE,
            ),
            G(
                "Rà soát hộ nghèo, hộ cận nghèo năm 2026 theo chuẩn nghèo đa chiều; tổng hợp báo cáo UBND tỉnh",
                "Sở Lao động - Thương binh và Xã hội",
                PROGRESS,
                "2026-12-15",
                (DISTRICTS,),
            ),
            G(
                "Vận động hội viên tham gia phát triển kinh tế hộ gia đình, giảm nghèo bền vững",
                "Hội Liên hiệp Phụ nữ tỉnh; Hội Nông dân tỉnh",
                NONE,
            ),
        ),
    ),
    GD(
        "Công văn",
        "2148",
        "UBND-TH",
        d("2026-11-16"),
        "Về việc chuẩn bị nội dung trình kỳ họp thường lệ cuối năm 2026 của Hội đồng nhân dân tỉnh",
        "chairman",
        (
            G(
                "Hoàn thiện báo cáo tình hình kinh tế - xã hội năm 2026, dự thảo nghị quyết về kế hoạch phát "
                "triển kinh tế - xã hội năm 2027",
                "Sở Kế hoạch và Đầu tư",
                PROGRESS,
                "2026-12-05",
                key=True,
                report_by=True,
            ),
            G(
                "Hoàn thiện báo cáo dự toán ngân sách nhà nước năm 2027 và phương án phân bổ ngân sách cấp tỉnh",
                "Sở Tài chính",
                PROGRESS,
                "2026-12-07",
                key=True,
                report_by=True,
            ),
            G(
                "Hoàn thiện tờ trình về số lượng người làm việc trong các đơn vị sự nghiệp công lập năm 2027",
                "Sở Nội vụ",
                NONE,
                "2026-12-10",
            ),
            G(
                "Thẩm định các dự thảo nghị quyết quy phạm pháp luật trình kỳ họp",
                "Sở Tư pháp",
                ON_TIME,
                "2026-11-27",
            ),
            G(
                "Tổng hợp kết quả thực hiện các chương trình, chính sách dân tộc năm 2026, báo cáo UBND tỉnh",
                "Ban Dân tộc",
                NONE,
                "2026-12-18",
                report_by=True,
            ),
        ),
        signer_position="Chủ tịch",
    ),
    GD(
        "Công văn",
        "2265",
        "UBND-KT",
        d("2026-12-01"),
        "Về việc bảo đảm cân đối cung cầu, bình ổn thị trường dịp cuối năm 2026 và Tết Nguyên đán Đinh Mùi "
        "năm 2027",
        "vc_economy",
        (
            G(
                "Xây dựng kế hoạch bảo đảm cân đối cung cầu, bình ổn giá các mặt hàng thiết yếu dịp cuối năm và "
                "Tết Nguyên đán",
                "Sở Công Thương",
                NONE,
                "2026-12-15",
                key=True,
            ),
            G(
                "Tăng cường kiểm tra việc kê khai, niêm yết giá và bán theo giá niêm yết",
                "Sở Tài chính",
                NONE,
            ),
            G(
                "Chỉ đạo bảo đảm nguồn cung thực phẩm; kiểm soát dịch bệnh gia súc, gia cầm dịp Tết",
                "Sở Nông nghiệp và Phát triển nông thôn",
                NONE,
                "2026-12-20",
            ),
        ),
        registered_on=d("2026-12-02"),
        delivered_on=None,
        notes="Đang chờ lãnh đạo Văn phòng duyệt trước khi chuyển giao.",
    ),
]
