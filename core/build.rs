//! Embeds the corpus (`corpus/`) into the binary so `cargo run --release` needs no files.
use std::{env, fs, path::Path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    println!("cargo:rerun-if-changed=../corpus");
    let mut ids: Vec<String> = fs::read_dir(root.join("texts"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    let p = e.path();
                    (p.extension()? == "txt")
                        .then(|| p.file_stem()?.to_str().map(str::to_string))?
                })
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    let lit = |p: &Path| format!("include_str!({:?})", p.display().to_string());
    let mut out = String::new();
    out.push_str(&format!(
        "/// `corpus/catalog.ron`.\npub const CATALOG: &str = {};\n",
        lit(&root.join("catalog.ron"))
    ));
    out.push_str(&format!(
        "/// `corpus/layout.ron`.\npub const LAYOUT: &str = {};\n",
        lit(&root.join("layout.ron"))
    ));
    out.push_str(&format!(
        "/// `corpus/people.ron`.\npub const PEOPLE: &str = {};\n",
        lit(&root.join("people.ron"))
    ));
    out.push_str(
        "/// `corpus/texts/*.txt` by document id.\npub const TEXTS: &[(&str, &str)] = &[\n",
    );
    for id in &ids {
        out.push_str(&format!(
            "    ({id:?}, {}),\n",
            lit(&root.join("texts").join(format!("{id}.txt")))
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_corpus.rs");
    fs::write(dest, out).unwrap();
}
