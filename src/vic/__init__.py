"""VIC — theo dõi, đôn đốc, kiểm tra việc thực hiện nhiệm vụ."""
