# SPDX-License-Identifier: MIT
# UI-B (#6): export, presentation mode, compare, chart command line. Offscreen.
headroom_add_test(tst_ui_export LIBS headroom_ui TIMEOUT 300 LABELS ui)
headroom_add_test(tst_ui_presentation LIBS headroom_ui TIMEOUT 300 LABELS ui)
headroom_add_test(tst_ui_compare LIBS headroom_ui TIMEOUT 300 LABELS ui)
headroom_add_test(tst_chart_cli LIBS headroom_ui TIMEOUT 600 LABELS ui)
