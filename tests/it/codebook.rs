//! The codebook: tags as a tree of codes with definitions, inherited colours, filters that take
//! the tags under a tag, and undoable move / merge / split / delete.

use readingroom::notes::commands::{Command, CommandError, apply};
use readingroom::notes::model::{Annotation, Notebook, Tag, Target};
use readingroom::notes::store;
use std::path::Path;

fn tag(name: &str, colour: &str, parent: Option<&str>) -> Tag {
    Tag {
        parent: parent.map(str::to_string),
        ..Tag::new(name, colour)
    }
}

fn memo(id: &str, tags: &[&str]) -> Annotation {
    Annotation {
        id: id.into(),
        target: Target::Memo,
        note: id.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        author: String::new(),
        created: "2026-12-02T00:00:00Z".into(),
        modified: "2026-12-02T00:00:00Z".into(),
        conflict_of: None,
        other_targets: Vec::new(),
    }
}

/// Assassination › CIA plots › Mafia, and Bay of Pigs at the top.
fn codebook() -> Notebook {
    let mut nb = Notebook {
        tags: vec![
            tag("Assassination", "#b3261e", None),
            tag("Bay of Pigs", "#1f5fa8", None),
            tag("Mafia", "", Some("CIA plots")),
            tag("CIA plots", "#6a3fb5", Some("Assassination")),
        ],
        ..Notebook::default()
    };
    nb.add(memo("m1", &["Mafia"]));
    nb.add(memo("m2", &["CIA plots"]));
    nb.add(memo("m3", &["Bay of Pigs"]));
    nb.add(memo("m4", &["Assassination"]));
    nb
}

fn tree(nb: &Notebook) -> Vec<(usize, String)> {
    nb.tag_tree()
        .iter()
        .map(|r| (r.depth, r.tag.name.clone()))
        .collect()
}

#[test]
fn the_tree_nests_codes_in_the_notebooks_order_and_never_hides_one() {
    let nb = codebook();
    assert_eq!(
        tree(&nb),
        vec![
            (0, "Assassination".to_string()),
            (1, "CIA plots".to_string()),
            (2, "Mafia".to_string()),
            (0, "Bay of Pigs".to_string()),
        ]
    );
    assert_eq!(nb.tag_path("Mafia"), "Assassination › CIA plots › Mafia");
    // A missing parent, or parents in a circle (a hand-edited file): every tag once, no hang.
    let odd = Notebook {
        tags: vec![
            tag("A", "#1f5fa8", Some("B")),
            tag("B", "#1f5fa8", Some("A")),
            tag("C", "#1f5fa8", Some("gone")),
            tag("D", "#1f5fa8", Some("D")),
        ],
        ..Notebook::default()
    };
    let names: Vec<String> = tree(&odd).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names.len(), 4);
    for n in ["A", "B", "C", "D"] {
        assert!(names.contains(&n.to_string()), "{n}");
    }
    assert!(!odd.tag_is_under("A", "A"));
}

#[test]
fn colours_are_inherited_and_a_filter_takes_the_codes_under_a_tag() {
    let nb = codebook();
    assert_eq!(nb.tag_colour("Mafia"), Some("#6a3fb5"), "from CIA plots");
    assert_eq!(nb.tag_colour("CIA plots"), Some("#6a3fb5"), "its own");
    let under = |t: &str| -> Vec<&str> {
        nb.annotations
            .iter()
            .filter(|a| nb.has_tag_within(a, t))
            .map(|a| a.id.as_str())
            .collect()
    };
    assert_eq!(under("Assassination"), ["m1", "m2", "m4"]);
    assert_eq!(under("CIA plots"), ["m1", "m2"]);
    assert_eq!(under("Mafia"), ["m1"]);
    let counts = nb.tag_counts();
    assert_eq!(
        counts["Assassination"],
        (1, 3),
        "its own note, and two under it"
    );
    assert_eq!(counts["CIA plots"], (1, 2));
    assert_eq!(counts["Bay of Pigs"], (1, 1));
    assert_eq!(
        nb.tag_and_descendants("Assassination"),
        ["Assassination", "CIA plots", "Mafia"]
    );
}

#[test]
fn moving_merging_splitting_and_deleting_codes_are_undone_exactly() {
    let start = codebook();
    let check = |command: Command, expect: &dyn Fn(&Notebook)| {
        let mut nb = start.clone();
        let undo = apply(&mut nb, command).unwrap();
        expect(&nb);
        apply(&mut nb, undo).unwrap();
        assert_eq!(nb, start, "undone exactly");
    };
    // Move Bay of Pigs under Assassination, then up before CIA plots.
    check(
        Command::SetTagParent {
            name: "Bay of Pigs".into(),
            parent: Some("Assassination".into()),
        },
        &|nb| assert_eq!(nb.tag_path("Bay of Pigs"), "Assassination › Bay of Pigs"),
    );
    check(
        Command::MoveTag {
            name: "Bay of Pigs".into(),
            down: false,
        },
        &|nb| assert_eq!(tree(nb)[0], (0, "Bay of Pigs".to_string())),
    );
    check(
        Command::SetTagDescription {
            name: "Mafia".into(),
            description: "Plots run through organised crime".into(),
        },
        &|nb| {
            assert_eq!(
                nb.tag("Mafia").unwrap().description,
                "Plots run through organised crime"
            )
        },
    );
    // Renamed, its children follow; merged into another, they move to it.
    check(
        Command::RenameTag {
            from: "CIA plots".into(),
            to: "CIA".into(),
        },
        &|nb| assert_eq!(nb.tag_path("Mafia"), "Assassination › CIA › Mafia"),
    );
    check(
        Command::RenameTag {
            from: "CIA plots".into(),
            to: "Bay of Pigs".into(),
        },
        &|nb| {
            assert_eq!(nb.tag_path("Mafia"), "Bay of Pigs › Mafia");
            assert_eq!(nb.get("m2").unwrap().tags, ["Bay of Pigs"]);
        },
    );
    // Deleted, the codes under it move up to its parent.
    check(
        Command::DeleteTag {
            name: "CIA plots".into(),
        },
        &|nb| {
            assert_eq!(nb.tag_path("Mafia"), "Assassination › Mafia");
            assert!(nb.get("m2").unwrap().tags.is_empty());
        },
    );
    // Split: the notes chosen take the new code, beside the old one.
    let mut nb = start.clone();
    nb.add(memo("m5", &["CIA plots", "Bay of Pigs"]));
    let before = nb.clone();
    let undo = apply(
        &mut nb,
        Command::SplitTag {
            from: "CIA plots".into(),
            into: "CIA plots: Operation Mongoose".into(),
            notes: vec!["m5".into()],
        },
    )
    .unwrap();
    assert_eq!(
        nb.get("m5").unwrap().tags,
        ["CIA plots: Operation Mongoose", "Bay of Pigs"]
    );
    assert_eq!(nb.get("m2").unwrap().tags, ["CIA plots"], "the others stay");
    assert_eq!(
        nb.tag_path("CIA plots: Operation Mongoose"),
        "Assassination › CIA plots: Operation Mongoose"
    );
    apply(&mut nb, undo).unwrap();
    assert_eq!(nb, before);
    // A code never goes under itself or its own children.
    let mut nb = start.clone();
    let e = apply(
        &mut nb,
        Command::SetTagParent {
            name: "Assassination".into(),
            parent: Some("Mafia".into()),
        },
    )
    .unwrap_err();
    assert!(matches!(e, CommandError::TagCycle { .. }));
    assert!(e.to_string().contains("cannot go under \"Mafia\""), "{e}");
    assert_eq!(nb, start);
}

#[test]
fn the_codebook_survives_the_file_and_older_flat_tags_are_top_level_codes() {
    let mut nb = codebook();
    nb.tags[0].description = "Plans to kill \"Castro\",\nand who made them".into();
    let text = store::to_text(&nb);
    assert!(text.contains("Tag(name: \"Mafia\", colour: \"\", parent: Some(\"CIA plots\")),"));
    assert_eq!(store::parse(Path::new("c.ron"), &text).unwrap(), nb);
    let v1 = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notebooks/format-1.ron"),
    )
    .unwrap();
    let old = store::parse(Path::new("v1.ron"), &v1).unwrap();
    assert!(old.tag_tree().iter().all(|r| r.depth == 0));
    assert_eq!(old.tag_colour("Harlem"), Some("#1f5fa8"));
}

#[test]
fn an_export_filtered_by_a_code_takes_the_codes_under_it_and_lists_the_codebook() {
    use readingroom::export::notebook::{Format, export};
    let ws = crate::workspace();
    let mut nb = codebook();
    nb.tags[2].description = "Plots run through organised crime".into();
    let md = export(ws, &nb, Format::Markdown, &[], &["Assassination".into()]);
    for id in ["m1", "m2", "m4"] {
        assert!(md.contains(&format!("\n{id}\n")), "{id} in {md}");
    }
    assert!(
        !md.contains("\nm3\n"),
        "Bay of Pigs is not under Assassination"
    );
    assert!(md.ends_with(
        "## Codebook\n\n- **Assassination**\n  - **CIA plots**\n    - **Mafia**: Plots run through organised crime\n"
    ), "{md}");
}
