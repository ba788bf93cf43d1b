//! The bundle's TypeScript declarations (`pkg/hanko_elements.d.ts`, `pkg/hanko_elements_react.d.ts`)
//! type-check what pages do with them: `e2e/types/page.ts` (a page written for hanko-elements:
//! `register`, the `hanko` object, the elements, document events) and `e2e/types/app.tsx` (the
//! elements in React 19 JSX), with the pinned `typescript` in strict mode. Both files also hold
//! `@ts-expect-error` lines, so declarations that accept anything fail the check too.
//!
//! Run: `cargo test -p hanko-e2e --test types` after building the bundle; needs node and npm.

use std::path::Path;
use std::process::Command;

fn forward_slashes(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

#[test]
fn declarations_type_check_a_page_and_a_react_app() {
    hanko_e2e::require_bundle().expect("the bundle in pkg/");
    let modules = hanko_e2e::node_modules().expect("npm install of the pinned packages");
    let bundle = hanko_e2e::bundle_dir();
    let samples = hanko_e2e::repo_root().join("e2e").join("types");
    let react = modules.join("@types").join("react");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = serde_json::json!({
        "compilerOptions": {
            "strict": true,
            "noEmit": true,
            "target": "es2022",
            "module": "esnext",
            "moduleResolution": "bundler",
            "jsx": "react-jsx",
            "lib": ["esnext", "dom"],
            "types": [],
            "typeRoots": [forward_slashes(&modules.join("@types"))],
            "paths": {
                "hanko-elements-rs": [forward_slashes(&bundle.join("hanko_elements.d.ts"))],
                "hanko-elements-rs/react": [forward_slashes(&bundle.join("hanko_elements_react.d.ts"))],
                "react": [forward_slashes(&react.join("index.d.ts"))],
                "react/*": [format!("{}/*", forward_slashes(&react))],
            },
        },
        "files": [
            forward_slashes(&samples.join("page.ts")),
            forward_slashes(&samples.join("app.tsx")),
        ],
    });
    let tsconfig = dir.path().join("tsconfig.json");
    std::fs::write(&tsconfig, config.to_string()).expect("writing tsconfig.json");
    let tsc = modules.join("typescript").join("bin").join("tsc");
    let output = Command::new("node")
        .arg(&tsc)
        .arg("--project")
        .arg(&tsconfig)
        .arg("--pretty")
        .arg("false")
        .output()
        .expect("running node (Debian: apt-get install nodejs)");
    assert!(
        output.status.success(),
        "tsc {} found errors:\n{}{}",
        hanko_e2e::TYPESCRIPT_VERSION,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
