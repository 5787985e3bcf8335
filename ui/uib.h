// SPDX-License-Identifier: MIT
// UI-B's one entry point into the main window (#6): File ▸ Export chart… opens the export
// dialog, File ▸ Compare sessions…, View ▸ Presentation mode (F11).
#pragma once

namespace headroom::ui {

class MainWindow;

// Connects the export action (replacing its placeholder connection), and adds the compare and
// presentation actions. Call once, after the window built its menus.
void installUiB(MainWindow& window);

} // namespace headroom::ui
