//! `claimlint lsp` through the real binary: JSON-RPC with Content-Length framing over
//! its stdin and stdout, as an editor speaks it. Every read has a (generous) deadline so
//! that a broken server fails the test instead of hanging it; no assertion is timed.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

const DEADLINE: Duration = Duration::from_secs(60);

fn temp_dir(name: &str) -> common::Scratch {
    let dir = common::Scratch::new("claimlint-lsp", name);
    // A repository root: configuration discovery stops here.
    std::fs::create_dir_all(dir.join(".git")).expect("temp dir");
    dir
}

/// A `file:` URI, percent-encoding what is not unreserved (Chinese names included).
fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for &b in path.to_str().expect("utf-8 path").as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// The document version of the last diagnostics read.
    version: Value,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn claimlint lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("a JSON body");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
            version: Value::Null,
        }
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_string(&msg).expect("json");
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (notifications on the way are kept).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// Send a request; the diagnostics published before its response, and the response.
    fn request_after_diagnostics(&mut self, method: &str, params: Value) -> (Vec<Value>, Value) {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let mut published = Vec::new();
        loop {
            let m = self.wait_for(|_| true);
            if m["id"] == json!(id) && m.get("method").is_none() {
                return (published, m);
            }
            if m["method"] == "textDocument/publishDiagnostics" {
                published.push(m["params"].clone());
            }
        }
    }

    fn wait_for(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.incoming.recv_timeout(DEADLINE) {
                Ok(m) if want(&m) => return m,
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => panic!("no answer from claimlint lsp"),
                Err(RecvTimeoutError::Disconnected) => panic!("claimlint lsp closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        self.version = m["params"]["version"].clone();
        m["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics array")
            .clone()
    }

    fn initialize(&mut self, root: &Path) -> Value {
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }

    /// shutdown, exit, and the exit code.
    fn finish(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        self.wait()
    }

    fn wait(mut self) -> Option<i32> {
        drop(self.stdin.take());
        // The output thread ends when the server closes stdout.
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(self.child.wait().map(|s| s.code()));
        });
        match rx.recv_timeout(DEADLINE) {
            Ok(Ok(code)) => code,
            _ => panic!("claimlint lsp did not exit"),
        }
    }
}

/// The UTF-16 position of the `nth` occurrence of `needle` in `text`, counted
/// independently of the server: lines split on "\n", columns in UTF-16 code units.
fn utf16_at(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} in the text"))
        .0;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].encode_utf16().count();
    (line as u64, col as u64)
}

fn range_of(text: &str, needle: &str, nth: usize) -> Value {
    let (l, c) = utf16_at(text, needle, nth);
    let end = c + needle.encode_utf16().count() as u64;
    json!({"start": {"line": l, "character": c}, "end": {"line": l, "character": end}})
}

fn by_range<'a>(diags: &'a [Value], range: &Value) -> &'a Value {
    diags
        .iter()
        .find(|d| d["range"] == *range)
        .unwrap_or_else(|| panic!("no diagnostic at {range} in {diags:#?}"))
}

const BROKEN: &str = "# 报告\n\n## 版本1\n\n据公司年报，去年的收入为16亿美元，增长迅速。\n\n🚀 火箭发射了3次。\n\n## 版本2\n\n据公司年报，去年的收入为18亿美元，增长迅速。\n\n🚀 火箭发射了5次。\n";

#[test]
fn chinese_variants_get_utf16_diagnostics_quick_fixes_and_a_clean_exit() {
    let dir = temp_dir("variants");
    let path = dir.join("报告.md");
    std::fs::write(&path, BROKEN).expect("write");
    let doc = uri(&path);
    let mut c = Client::start();
    let init = c.initialize(&dir);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync");

    c.open(&doc, BROKEN);
    let diags = c.diagnostics(&doc);
    assert_eq!(diags.len(), 2, "{diags:#?}");

    // 18亿美元 in 版本2 disagrees with 16亿美元 in 版本1.
    let revenue = by_range(&diags, &range_of(BROKEN, "18亿美元", 0));
    assert_eq!(revenue["code"], "value-mismatch");
    assert_eq!(revenue["severity"], 1, "error");
    assert_eq!(revenue["source"], "claimlint");
    let message = revenue["message"].as_str().expect("message");
    assert!(
        message.contains("18亿美元") && message.contains("\nhelp: "),
        "{message}"
    );
    let related = &revenue["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], doc.as_str());
    assert_eq!(
        related["location"]["range"],
        range_of(BROKEN, "16亿美元", 0)
    );
    assert!(
        related["message"]
            .as_str()
            .expect("related message")
            .contains("16亿美元")
    );

    // After an emoji (two UTF-16 units, one character) the column counts it twice.
    let (_, five_col) = utf16_at(BROKEN, "5次", 0);
    let line_13 = BROKEN.lines().nth(12).expect("line 13");
    assert_eq!(five_col, 8);
    assert_eq!(
        line_13.find('5').map(|b| line_13[..b].chars().count()),
        Some(7)
    );
    let launches = by_range(&diags, &range_of(BROKEN, "5", 0));
    assert_eq!(launches["code"], "value-mismatch");
    assert_eq!(
        launches["relatedInformation"][0]["location"]["range"],
        range_of(BROKEN, "3", 0)
    );

    // Quick fixes at the launches figure: a suppression above its line.
    let (line, _) = utf16_at(BROKEN, "🚀 火箭发射了5次", 0);
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": launches["range"],
            "context": {"diagnostics": [launches]},
        }),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Suppress value-mismatch on the next line",
            "Accept this value-mismatch with a reason"
        ]
    );
    let edits = &actions[0]["edit"]["changes"][doc.as_str()];
    let at = json!({"line": line, "character": 0});
    assert_eq!(edits[0]["range"], json!({"start": at, "end": at}));
    let inserted = edits[0]["newText"].as_str().expect("newText");
    assert_eq!(
        inserted,
        "<!-- claimlint-disable-next-line value-mismatch -->\n"
    );
    let accept = actions[1]["edit"]["changes"][doc.as_str()][0]["newText"].clone();
    assert_eq!(
        accept,
        "<!-- claimlint-accept value-mismatch reason=\"\" -->\n"
    );

    // Applying the edit silences that finding only.
    let mut lines: Vec<&str> = BROKEN.split_inclusive('\n').collect();
    lines.insert(line as usize, inserted);
    let suppressed = lines.concat();
    c.change(&doc, 2, &suppressed);
    let diags = c.diagnostics(&doc);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(c.version, 2, "diagnostics name the version they are for");
    assert_eq!(diags[0]["range"], range_of(&suppressed, "18亿美元", 0));

    // Fixing both contradictions leaves nothing to report.
    let fixed = BROKEN.replace("18亿美元", "16亿美元").replace("5次", "3次");
    c.change(&doc, 3, &fixed);
    assert_eq!(c.diagnostics(&doc), Vec::<Value>::new());

    // Unknown requests are refused, not fatal.
    let r = c.request("claimlint/nonsense", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": doc}}),
    );
    assert_eq!(c.diagnostics(&doc), Vec::<Value>::new());
    assert_eq!(c.finish(), Some(0));
    // The server never writes to the documents it checks.
    assert_eq!(std::fs::read_to_string(&path).expect("read"), BROKEN);
}

#[test]
fn crlf_lines_and_indented_suppressions() {
    let dir = temp_dir("crlf");
    let text = BROKEN
        .replace("🚀 火箭发射了5次", "  > 🚀 火箭发射了5次")
        .replace('\n', "\r\n");
    let doc = uri(&dir.join("crlf.md"));
    let mut c = Client::start();
    c.initialize(&dir);
    c.open(&doc, &text);
    let diags = c.diagnostics(&doc);
    // Positions ignore the \r of each line break.
    let revenue = by_range(&diags, &range_of(&text, "18亿美元", 0));
    assert_eq!(revenue["code"], "value-mismatch");
    let launches = diags
        .iter()
        .find(|d| d["range"]["start"]["line"] == utf16_at(&text, "5次", 0).0)
        .expect("a diagnostic on the quoted line");
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": launches["range"],
            "context": {"diagnostics": []},
        }),
    );
    let insert = &actions["result"][0]["edit"]["changes"][doc.as_str()][0]["newText"];
    assert_eq!(
        insert,
        "  > <!-- claimlint-disable-next-line value-mismatch -->\r\n"
    );
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn an_open_readme_is_compared_with_its_translation_on_disk() {
    let dir = temp_dir("pair");
    let en = dir.join("README.md");
    let zh = dir.join("README.zh-CN.md");
    let en_text =
        "# Report\n\nAccording to the annual report, revenue was $1.6 billion last year.\n";
    let zh_text = "# 报告\n\n据公司年报，去年的收入为18亿美元。\n";
    std::fs::write(&en, "# Report\n\nNothing yet.\n").expect("write");
    std::fs::write(&zh, zh_text).expect("write");
    let (en_uri, zh_uri) = (uri(&en), uri(&zh));
    let mut c = Client::start();
    c.initialize(&dir);
    // The editor's text, not the file on disk, is what is checked.
    c.open(&en_uri, en_text);
    let diags = c.diagnostics(&en_uri);
    let d = by_range(&diags, &range_of(en_text, "$1.6 billion", 0));
    assert_eq!(d["code"], "value-mismatch", "{diags:#?}");
    let related = &d["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], zh_uri.as_str());
    assert_eq!(related["range"], range_of(zh_text, "18亿美元", 0));

    // Opened too, the translation carries the finding itself.
    c.open(&zh_uri, zh_text);
    let zh_diags = c.diagnostics(&zh_uri);
    let z = by_range(&zh_diags, &range_of(zh_text, "18亿美元", 0));
    assert_eq!(
        z["relatedInformation"][0]["location"]["uri"],
        en_uri.as_str()
    );
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn a_finding_in_an_unopened_sibling_is_shown_and_suppressed_from_the_open_file() {
    let dir = temp_dir("mirror");
    let en = dir.join("README.md");
    let gb = dir.join("README.en-GB.md");
    let en_text =
        "# Report\n\nAccording to the annual report, revenue was $1.6 billion last year.\n";
    let gb_text =
        "# Report\n\nAccording to the annual report, revenue was $1.8 billion last year.\n";
    std::fs::write(&en, en_text).expect("write");
    std::fs::write(&gb, gb_text).expect("write");
    let (en_uri, gb_uri) = (uri(&en), uri(&gb));
    let mut c = Client::start();
    c.initialize(&dir);
    c.open(&en_uri, en_text);
    let diags = c.diagnostics(&en_uri);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = by_range(&diags, &range_of(en_text, "$1.6 billion", 0));
    assert_eq!(d["code"], "value-mismatch");
    assert!(
        d["message"]
            .as_str()
            .expect("message")
            .starts_with("README.en-GB.md: ")
    );
    let related = &d["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], gb_uri.as_str());
    assert_eq!(related["range"], range_of(gb_text, "$1.8 billion", 0));

    // Its quick fix goes in the open file, beside its side of the mismatch.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": en_uri},
            "range": d["range"],
            "context": {"diagnostics": [d]},
        }),
    );
    let edit = &actions["result"][0]["edit"]["changes"][en_uri.as_str()][0];
    let (line, _) = utf16_at(en_text, "According", 0);
    assert_eq!(
        edit["range"]["start"],
        json!({"line": line, "character": 0})
    );
    let mut lines: Vec<&str> = en_text.split_inclusive('\n').collect();
    lines.insert(line as usize, edit["newText"].as_str().expect("newText"));
    c.change(&en_uri, 2, &lines.concat());
    assert_eq!(c.diagnostics(&en_uri), Vec::<Value>::new());

    assert_eq!(c.finish(), Some(0));
}

#[test]
fn saving_the_configuration_rechecks_open_documents() {
    let dir = temp_dir("config");
    let doc = uri(&dir.join("doc.md"));
    let toml_path = dir.join("claimlint.toml");
    let toml = uri(&toml_path);
    let mut c = Client::start();
    c.initialize(&dir);
    c.open(&doc, BROKEN);
    assert_eq!(c.diagnostics(&doc).len(), 2);

    let bad = "[rules]\nvalue-mismatch = \"loud\"\n";
    std::fs::write(&toml_path, bad).expect("write");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": toml, "languageId": "toml", "version": 1, "text": bad}}),
    );
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": toml}}),
    );
    let diags = c.diagnostics(&doc);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "check-failed");
    assert_eq!(diags[0]["severity"], 1);
    assert!(
        diags[0]["message"]
            .as_str()
            .expect("message")
            .contains("claimlint.toml"),
        "{diags:#?}"
    );

    std::fs::write(&toml_path, "[rules]\nvalue-mismatch = \"off\"\n").expect("write");
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": toml}}),
    );
    assert_eq!(c.diagnostics(&doc), Vec::<Value>::new());
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn quick_successive_changes_end_on_the_latest_text() {
    let dir = temp_dir("burst");
    let doc = uri(&dir.join("burst.md"));
    let mut c = Client::start();
    c.initialize(&dir);
    c.open(&doc, BROKEN);
    let fixed = BROKEN.replace("18亿美元", "16亿美元").replace("5次", "3次");
    c.change(&doc, 2, &BROKEN.replace("5次", "3次"));
    c.change(&doc, 3, BROKEN);
    c.change(&doc, 4, &fixed);
    // Whether or not some changes were checked together, the diagnostics published
    // before the next request are those of the last text, and say so.
    let (published, r) = c.request_after_diagnostics(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": doc},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}},
            "context": {"diagnostics": []},
        }),
    );
    let last = published.last().expect("diagnostics before the response");
    assert_eq!(last["version"], 4, "{published:#?}");
    assert_eq!(last["diagnostics"], json!([]));
    assert_eq!(r["result"], json!([]), "no fixes for a clean document");
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn bad_input_is_just_text_and_exit_without_shutdown_is_an_error() {
    let dir = temp_dir("bad");
    let doc = uri(&dir.join("odd.md"));
    let mut c = Client::start();
    c.initialize(&dir);
    // A change for a document never opened, and parameters of the wrong shape.
    c.change(&doc, 1, "ignored");
    c.notify("textDocument/didOpen", json!({"textDocument": 42}));
    let r = c.request("textDocument/codeAction", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let odd = "```\n未闭合的代码块 16亿\r## 版本1\r\r收入\u{0}16亿 💥💥\n## 版本2\n收入99999999999999999999999999亿\n<!-- claimlint-disable-next-line nonsense";
    c.open(&doc, odd);
    let diags = c.diagnostics(&doc);
    for d in &diags {
        assert_eq!(d["source"], "claimlint");
    }
    c.change(&doc, 2, "");
    assert_eq!(c.diagnostics(&doc), Vec::<Value>::new());
    c.notify("exit", Value::Null);
    assert_eq!(c.wait(), Some(1));
}
