//! The reading typeface: a serif face found on the system (Settings → Reading font), loaded
//! once into egui's fonts as the family `reader::SERIF`. Nothing is bundled: when no serif face
//! is installed, the setting says so and the reader keeps the sans-serif.

use std::path::{Path, PathBuf};

/// Where serif faces usually are on Linux (Debian and Ubuntu packages).
const SERIF_FILES: [&str; 4] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSerif-Regular.ttf",
];

/// Largest font file read.
const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;

/// The first serif face installed, if any.
pub fn find_serif() -> Option<PathBuf> {
    SERIF_FILES
        .iter()
        .map(Path::new)
        .find(|p| p.is_file())
        .map(Path::to_path_buf)
}

/// Loads a serif face into the context as the family `reader::SERIF`, falling back to the
/// window's own fonts for characters it lacks; returns whether it was loaded.
pub fn load_serif(ctx: &egui::Context) -> bool {
    let Some(path) = find_serif() else {
        return false;
    };
    let Ok(bytes) = readingroom_files_read(&path) else {
        return false;
    };
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        super::reader::SERIF.to_string(),
        std::sync::Arc::new(egui::FontData::from_owned(bytes)),
    );
    let mut family = vec![super::reader::SERIF.to_string()];
    family.extend(
        fonts
            .families
            .get(&egui::FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts
        .families
        .insert(egui::FontFamily::Name(super::reader::SERIF.into()), family);
    ctx.set_fonts(fonts);
    true
}

fn readingroom_files_read(path: &Path) -> Result<Vec<u8>, String> {
    crate::files::read_regular(path, MAX_FONT_BYTES).map_err(|e| e.to_string())
}
