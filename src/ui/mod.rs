//! The eframe window: the only module that uses egui/eframe. For now a document list and a
//! plain reader; the full workbench (issue 4) grows from here.

mod app;

pub use app::ReadingRoomApp;

use crate::Workspace;

/// Window title.
pub const WINDOW_TITLE: &str = "Reading Room";

/// Opens the window on a workspace and runs until it is closed.
pub fn run(workspace: Workspace) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    eframe::run_native(
        WINDOW_TITLE,
        options,
        Box::new(|cc| Ok(Box::new(ReadingRoomApp::new(workspace, cc.storage)))),
    )
}
