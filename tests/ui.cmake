# SPDX-License-Identifier: MIT
# UI-A (#5): main window, charts, models. Offscreen; the run test uses the real RunJob worker.
headroom_add_test(tst_ui_models LIBS headroom_ui TIMEOUT 120 LABELS ui)
headroom_add_test(tst_ui_charts LIBS headroom_ui TIMEOUT 120 LABELS ui)
headroom_add_test(tst_ui_mainwindow LIBS headroom_ui TIMEOUT 600 LABELS ui)
headroom_add_test(tst_ui_sessions LIBS headroom_ui TIMEOUT 300 LABELS ui)
headroom_add_test(tst_ui_slides LIBS headroom_ui TIMEOUT 300 LABELS ui)
# #18: the chart-data builders and label placement, without drawing.
headroom_add_test(tst_chartdata LIBS headroom_ui TIMEOUT 60 LABELS ui)
headroom_add_test(tst_labelplacer LIBS headroom_ui TIMEOUT 60 LABELS ui)
