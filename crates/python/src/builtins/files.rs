//! `open()` on an in-memory file system that lives for one run (programs run in the browser:
//! there is no disk), and the text file objects it returns (`io.TextIOWrapper`), with
//! CPython's errors (`FileNotFoundError: [Errno 2] No such file or directory: 'x.txt'`,
//! `io.UnsupportedOperation: not writable`, `ValueError: I/O operation on closed file.`).
//! `io.StringIO` is the same object over a buffer of its own. Text only: binary modes are
//! refused with a clear error. Writes go straight to the file (no buffering), and reading
//! turns `\r\n` and `\r` into `\n`, as text mode does.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::object::{Class, Native};
use crate::types::{make_class, with_types};
use crate::value::Value;
use crate::vm::{iter, Args, Vm};

/// Most NULs a write past the end of a file pads with.
const MAX_PAD: usize = 10_000_000;

/// The working directory relative paths start from.
pub const CWD: &str = "/home/awaitlab";

/// A run's files: contents by absolute path (shared with the file objects open on them, so an
/// open file outlives `os.remove`, as on POSIX) and the directories that exist.
pub struct FileSystem {
    files: RefCell<BTreeMap<String, Rc<RefCell<String>>>>,
    dirs: RefCell<BTreeSet<String>>,
}

impl Default for FileSystem {
    fn default() -> Self {
        let dirs = ["/", "/home", CWD, "/tmp"]
            .into_iter()
            .map(String::from)
            .collect();
        FileSystem {
            files: RefCell::default(),
            dirs: RefCell::new(dirs),
        }
    }
}

/// An `OSError` subclass with CPython's `[Errno n] text: 'path'` message and its `errno`,
/// `strerror` and `filename` attributes.
pub fn os_error(class: &Rc<Class>, errno: i64, text: &str, path: &str) -> PyErr {
    let msg = format!("[Errno {errno}] {text}: {}", crate::text::str_repr(path));
    let e = PyErr::new(class, msg);
    let mut attrs = e.0.attrs.borrow_mut();
    attrs.insert(Rc::from("errno"), Value::Int(errno));
    attrs.insert(Rc::from("strerror"), Value::str(text));
    attrs.insert(Rc::from("filename"), Value::str(path));
    drop(attrs);
    e
}

/// `FileNotFoundError` for `path`.
pub fn not_found(path: &str) -> PyErr {
    os_error(
        &with_types(|t| t.file_not_found_error.clone()),
        2,
        "No such file or directory",
        path,
    )
}

impl FileSystem {
    /// The absolute, normalised form of `path` (`.` and `..` resolved).
    pub fn resolve(&self, path: &str) -> String {
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{CWD}/{path}")
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p),
            }
        }
        format!("/{}", parts.join("/"))
    }

    fn parent(abs: &str) -> String {
        match abs.rfind('/') {
            Some(0) | None => "/".to_string(),
            Some(i) => abs[..i].to_string(),
        }
    }

    /// Whether a file exists at `path`.
    pub fn is_file(&self, path: &str) -> bool {
        self.files.borrow().contains_key(&self.resolve(path))
    }

    /// Whether a directory exists at `path`.
    pub fn is_dir(&self, path: &str) -> bool {
        self.dirs.borrow().contains(&self.resolve(path))
    }

    /// A file's contents (shared), if it exists.
    fn file(&self, path: &str) -> Option<Rc<RefCell<String>>> {
        self.files.borrow().get(&self.resolve(path)).cloned()
    }

    /// A file's size in bytes (UTF-8), if it exists.
    pub fn size(&self, path: &str) -> Option<usize> {
        self.file(path).map(|f| f.borrow().len())
    }

    /// Creates (or empties, when `truncate`) a file; its directory must exist.
    fn create(&self, path: &str, truncate: bool) -> PyResult<Rc<RefCell<String>>> {
        let abs = self.resolve(path);
        if self.dirs.borrow().contains(&abs) {
            return Err(os_error(
                &with_types(|t| t.is_a_directory_error.clone()),
                21,
                "Is a directory",
                path,
            ));
        }
        if !self.dirs.borrow().contains(&Self::parent(&abs)) {
            return Err(not_found(path));
        }
        let mut files = self.files.borrow_mut();
        let f = files.entry(abs).or_default().clone();
        if truncate {
            f.borrow_mut().clear();
        }
        Ok(f)
    }

    /// `os.remove`.
    pub fn remove(&self, path: &str) -> PyResult<()> {
        let abs = self.resolve(path);
        if self.dirs.borrow().contains(&abs) {
            return Err(os_error(
                &with_types(|t| t.is_a_directory_error.clone()),
                21,
                "Is a directory",
                path,
            ));
        }
        match self.files.borrow_mut().remove(&abs) {
            Some(_) => Ok(()),
            None => Err(not_found(path)),
        }
    }

    /// `os.listdir`: names in the directory, sorted.
    pub fn listdir(&self, path: &str) -> PyResult<Vec<String>> {
        let abs = self.resolve(path);
        if !self.dirs.borrow().contains(&abs) {
            if self.files.borrow().contains_key(&abs) {
                return Err(os_error(
                    &with_types(|t| t.not_a_directory_error.clone()),
                    20,
                    "Not a directory",
                    path,
                ));
            }
            return Err(not_found(path));
        }
        let prefix = if abs == "/" {
            "/".to_string()
        } else {
            format!("{abs}/")
        };
        let direct = |p: &String| -> Option<String> {
            let rest = p.strip_prefix(&prefix)?;
            (!rest.is_empty() && !rest.contains('/')).then(|| rest.to_string())
        };
        let mut names: Vec<String> = self.files.borrow().keys().filter_map(direct).collect();
        names.extend(self.dirs.borrow().iter().filter_map(direct));
        names.sort();
        Ok(names)
    }

    /// `os.mkdir` (`parents`: `os.makedirs`).
    pub fn mkdir(&self, path: &str, parents: bool, exist_ok: bool) -> PyResult<()> {
        let abs = self.resolve(path);
        if self.dirs.borrow().contains(&abs) || self.files.borrow().contains_key(&abs) {
            if exist_ok && self.dirs.borrow().contains(&abs) {
                return Ok(());
            }
            return Err(os_error(
                &with_types(|t| t.file_exists_error.clone()),
                17,
                "File exists",
                path,
            ));
        }
        let parent = Self::parent(&abs);
        if !self.dirs.borrow().contains(&parent) {
            if !parents {
                return Err(not_found(path));
            }
            self.mkdir(&parent, true, true)?;
        }
        self.dirs.borrow_mut().insert(abs);
        Ok(())
    }

    /// `os.rmdir`.
    pub fn rmdir(&self, path: &str) -> PyResult<()> {
        let abs = self.resolve(path);
        if !self.dirs.borrow().contains(&abs) {
            return Err(not_found(path));
        }
        if !self.listdir(path)?.is_empty() {
            return Err(os_error(
                &with_types(|t| t.os_error.clone()),
                39,
                "Directory not empty",
                path,
            ));
        }
        self.dirs.borrow_mut().remove(&abs);
        Ok(())
    }

    /// `os.rename` / `os.replace` of a file.
    pub fn rename(&self, src: &str, dst: &str) -> PyResult<()> {
        let (a, b) = (self.resolve(src), self.resolve(dst));
        let Some(f) = self.files.borrow_mut().remove(&a) else {
            return Err(not_found(src));
        };
        if !self.dirs.borrow().contains(&Self::parent(&b)) {
            self.files.borrow_mut().insert(a, f);
            return Err(not_found(src));
        }
        self.files.borrow_mut().insert(b, f);
        Ok(())
    }
}

// ===================================================================== the file object

/// An open text file (or a `StringIO`).
pub struct TextFile {
    name: Value,
    mode: String,
    encoding: Option<String>,
    data: Rc<RefCell<String>>,
    /// Byte offset of the next read or write.
    pos: Cell<usize>,
    readable: bool,
    writable: bool,
    append: bool,
    closed: Cell<bool>,
    /// `\r\n` and `\r` read as `\n` (files; a `StringIO` keeps them).
    translate: bool,
    string_io: bool,
}

thread_local! {
    static TEXTIO: Rc<Class> = file_class("TextIOWrapper");
    static STRINGIO: Rc<Class> = {
        let c = file_class("StringIO");
        c.new.set(Some(stringio_new));
        crate::builtins::add_methods(&c, "_io.StringIO", &[("getvalue", getvalue)]);
        c
    };
    static UNSUPPORTED: Rc<Class> = with_types(|t| {
        make_class(
            "UnsupportedOperation",
            "io",
            vec![t.os_error.clone(), t.value_error.clone()],
            crate::object::ClassKind::Exception,
            None,
        )
    });
}

fn file_class(name: &str) -> Rc<Class> {
    let c = crate::vm::call::plain_class(name, "_io");
    crate::builtins::add_methods(
        &c,
        "_io.TextIOWrapper",
        &[
            ("read", read),
            ("readline", readline),
            ("readlines", readlines),
            ("write", write),
            ("writelines", writelines),
            ("close", close),
            ("flush", flush),
            ("seek", seek),
            ("tell", tell),
            ("truncate", truncate),
            ("readable", readable),
            ("writable", writable),
            ("seekable", seekable),
            ("isatty", isatty),
            ("fileno", fileno),
            ("__enter__", enter),
            ("__exit__", exit),
            ("__iter__", enter),
            ("__next__", next_line),
        ],
    );
    c
}

/// `io.UnsupportedOperation` (an `OSError` and a `ValueError`, as in CPython).
pub fn unsupported_class() -> Rc<Class> {
    UNSUPPORTED.with(|c| c.clone())
}

/// `io.StringIO`.
pub fn stringio_class() -> Rc<Class> {
    STRINGIO.with(|c| c.clone())
}

/// `io.TextIOWrapper`.
pub fn textio_class() -> Rc<Class> {
    TEXTIO.with(|c| c.clone())
}

impl Native for TextFile {
    fn class(&self) -> Rc<Class> {
        if self.string_io {
            stringio_class()
        } else {
            textio_class()
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn repr(&self, vm: &Vm) -> Option<String> {
        if self.string_io {
            return None;
        }
        let name = crate::vm::text::repr(vm, &self.name).ok()?;
        let encoding = self.encoding.as_deref().unwrap_or("UTF-8");
        Some(format!(
            "<_io.TextIOWrapper name={name} mode={} encoding={}>",
            crate::text::str_repr(&self.mode),
            crate::text::str_repr(encoding)
        ))
    }

    fn get_field(&self, name: &str) -> Option<Value> {
        match name {
            "closed" => Some(Value::Bool(self.closed.get())),
            "name" if !self.string_io => Some(self.name.clone()),
            "mode" if !self.string_io => Some(Value::str(&self.mode)),
            "encoding" if !self.string_io => {
                Some(Value::str(self.encoding.as_deref().unwrap_or("UTF-8")))
            }
            "line_buffering" => Some(Value::Bool(false)),
            _ => None,
        }
    }
}

impl TextFile {
    fn check_open(&self) -> PyResult<()> {
        if self.closed.get() {
            return Err(PyErr::value_error("I/O operation on closed file."));
        }
        Ok(())
    }

    fn check_readable(&self) -> PyResult<()> {
        self.check_open()?;
        if !self.readable {
            return Err(PyErr::new(&unsupported_class(), "not readable"));
        }
        Ok(())
    }

    fn check_writable(&self) -> PyResult<()> {
        self.check_open()?;
        if !self.writable {
            return Err(PyErr::new(&unsupported_class(), "not writable"));
        }
        Ok(())
    }

    /// Reads up to `limit` characters (all when `None`), stopping after a line end when
    /// `line` is set; `\r\n` and `\r` count as one `\n` when translating.
    fn read_chars(&self, limit: Option<usize>, line: bool) -> String {
        let data = self.data.borrow();
        let mut pos = self.pos.get().min(data.len());
        while !data.is_char_boundary(pos) {
            pos += 1;
        }
        let mut out = String::new();
        let mut count = 0;
        let rest = &data[pos..];
        let mut chars = rest.char_indices().peekable();
        let mut consumed = rest.len();
        while let Some((i, c)) = chars.next() {
            if limit.is_some_and(|n| count >= n) {
                consumed = i;
                break;
            }
            let mut ch = c;
            if self.translate && c == '\r' {
                ch = '\n';
                if let Some(&(_, '\n')) = chars.peek() {
                    chars.next();
                }
            }
            out.push(ch);
            count += 1;
            if line && ch == '\n' {
                consumed = chars.peek().map_or(rest.len(), |&(j, _)| j);
                break;
            }
        }
        self.pos.set(pos + consumed);
        out
    }

    fn write_text(&self, s: &str) {
        let mut data = self.data.borrow_mut();
        if self.append {
            data.push_str(s);
            self.pos.set(data.len());
            return;
        }
        let mut pos = self.pos.get();
        if pos > data.len() {
            // Seeking past the end and writing pads with NULs, as files do (within reason: the
            // file lives in the page's memory).
            let pad = (pos - data.len()).min(MAX_PAD);
            data.extend(std::iter::repeat_n('\0', pad));
            pos = data.len();
        }
        while !data.is_char_boundary(pos) {
            pos += 1;
        }
        let mut end = (pos + s.len()).min(data.len());
        while !data.is_char_boundary(end) {
            end += 1;
        }
        data.replace_range(pos..end, s);
        self.pos.set(pos + s.len());
    }
}

fn file_of(args: &Args) -> PyResult<Rc<TextFile>> {
    if let Some(Value::Native(n)) = args.pos.first() {
        let any: Rc<dyn std::any::Any> = n.clone();
        if let Ok(f) = any.downcast::<TextFile>() {
            return Ok(f);
        }
    }
    Err(PyErr::type_error("descriptor requires a file object"))
}

fn size_arg(args: &Args, i: usize) -> PyResult<Option<usize>> {
    match args.pos.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_int_like() {
            Some(n) if n < 0 => Ok(None),
            Some(n) => Ok(Some(n as usize)),
            None => Err(PyErr::type_error(format!(
                "argument should be integer or None, not '{}'",
                crate::object::type_name(v)
            ))),
        },
    }
}

fn read(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_readable()?;
    let n = size_arg(&args, 1)?;
    Ok(Value::from(f.read_chars(n, false)))
}

fn readline(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_readable()?;
    let n = size_arg(&args, 1)?;
    Ok(Value::from(f.read_chars(n, true)))
}

fn readlines(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_readable()?;
    let hint = size_arg(&args, 1)?.filter(|h| *h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = f.read_chars(None, true);
        if line.is_empty() {
            break;
        }
        total += line.chars().count();
        lines.push(Value::from(line));
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(Value::list(lines))
}

fn write(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_writable()?;
    match args.pos.get(1) {
        Some(Value::Str(s)) => {
            f.write_text(s);
            Ok(Value::Int(s.chars().count() as i64))
        }
        Some(other) => Err(PyErr::type_error(format!(
            "write() argument must be str, not {}",
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error(
            "write() takes exactly one argument (0 given)",
        )),
    }
}

fn writelines(vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_writable()?;
    let Some(lines) = args.pos.get(1) else {
        return Err(PyErr::type_error(
            "writelines() takes exactly one argument (0 given)",
        ));
    };
    let it = iter::iter(vm, lines.clone())?;
    while let Some(line) = iter::next(vm, &it)? {
        match &line {
            Value::Str(s) => f.write_text(s),
            other => {
                return Err(PyErr::type_error(format!(
                    "write() argument must be str, not {}",
                    crate::object::type_name(other)
                )))
            }
        }
    }
    Ok(Value::None)
}

fn close(_vm: &Vm, args: Args) -> PyResult<Value> {
    file_of(&args)?.closed.set(true);
    Ok(Value::None)
}

fn flush(_vm: &Vm, args: Args) -> PyResult<Value> {
    file_of(&args)?.check_open()?;
    Ok(Value::None)
}

fn seek(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_open()?;
    let offset = match args.pos.get(1) {
        Some(v) => v.as_int_like().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::type_name(v)
            ))
        })?,
        None => {
            return Err(PyErr::type_error(
                "seek expected at least 1 argument, got 0",
            ))
        }
    };
    let whence = args.pos.get(2).and_then(Value::as_int_like).unwrap_or(0);
    let len = f.data.borrow().len() as i64;
    let new = match whence {
        0 => {
            if offset < 0 {
                return Err(PyErr::value_error(format!(
                    "Negative seek position {offset}"
                )));
            }
            offset
        }
        1 | 2 if offset != 0 && !f.string_io => {
            return Err(PyErr::new(
                &unsupported_class(),
                if whence == 1 {
                    "can't do nonzero cur-relative seeks"
                } else {
                    "can't do nonzero end-relative seeks"
                },
            ))
        }
        1 => (f.pos.get() as i64).saturating_add(offset),
        2 => len.saturating_add(offset),
        _ => {
            return Err(PyErr::value_error(format!(
                "invalid whence ({whence}, should be 0, 1 or 2)"
            )))
        }
    };
    f.pos.set(new.max(0) as usize);
    Ok(Value::Int(new.max(0)))
}

fn tell(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_open()?;
    Ok(Value::Int(f.pos.get() as i64))
}

fn truncate(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_writable()?;
    let size = size_arg(&args, 1)?.unwrap_or(f.pos.get());
    let mut data = f.data.borrow_mut();
    let mut cut = size.min(data.len());
    while !data.is_char_boundary(cut) {
        cut -= 1;
    }
    data.truncate(cut);
    Ok(Value::Int(size as i64))
}

fn readable(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_open()?;
    Ok(Value::Bool(f.readable))
}

fn writable(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_open()?;
    Ok(Value::Bool(f.writable))
}

fn seekable(_vm: &Vm, args: Args) -> PyResult<Value> {
    file_of(&args)?.check_open()?;
    Ok(Value::Bool(true))
}

fn isatty(_vm: &Vm, args: Args) -> PyResult<Value> {
    file_of(&args)?.check_open()?;
    Ok(Value::Bool(false))
}

fn fileno(_vm: &Vm, args: Args) -> PyResult<Value> {
    file_of(&args)?;
    Err(PyErr::new(&unsupported_class(), "fileno"))
}

fn enter(_vm: &Vm, args: Args) -> PyResult<Value> {
    file_of(&args)?.check_open()?;
    Ok(args.pos[0].clone())
}

fn exit(_vm: &Vm, args: Args) -> PyResult<Value> {
    file_of(&args)?.closed.set(true);
    Ok(Value::None)
}

fn next_line(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_readable()?;
    let line = f.read_chars(None, true);
    if line.is_empty() {
        return Err(PyErr::stop_iteration(Value::None));
    }
    Ok(Value::from(line))
}

fn getvalue(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = file_of(&args)?;
    f.check_open()?;
    let text = f.data.borrow().clone();
    Ok(Value::from(text))
}

fn stringio_new(_vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let initial = args.arg(0, "initial_value");
    let _newline = args.arg(1, "newline");
    args.no_more_kw("StringIO")?;
    let text = match initial {
        None | Some(Value::None) => String::new(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "initial_value must be str or None, not {}",
                crate::object::type_name(&other)
            )))
        }
    };
    Ok(Value::Native(Rc::new(TextFile {
        name: Value::None,
        mode: "r+".into(),
        encoding: None,
        data: Rc::new(RefCell::new(text)),
        pos: Cell::new(0),
        readable: true,
        writable: true,
        append: false,
        closed: Cell::new(false),
        translate: false,
        string_io: true,
    })))
}

// ===================================================================== open()

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`.
pub fn open(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let names = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let mut slots: Vec<Option<Value>> = vec![None; names.len()];
    if args.pos.len() > names.len() {
        return Err(PyErr::type_error(format!(
            "open() takes at most 8 arguments ({} given)",
            args.pos.len()
        )));
    }
    for (i, v) in args.pos.drain(..).enumerate() {
        slots[i] = Some(v);
    }
    for (k, v) in args.kw.drain(..) {
        match names.iter().position(|n| *n == &*k) {
            Some(i) if slots[i].is_none() => slots[i] = Some(v),
            Some(i) => {
                return Err(PyErr::type_error(format!(
                    "argument for open() given by name ('{k}') and position ({})",
                    i + 1
                )))
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "'{k}' is an invalid keyword argument for open()"
                )))
            }
        }
    }
    let Some(file) = slots[0].clone() else {
        return Err(PyErr::type_error(
            "open() missing required argument 'file' (pos 1)",
        ));
    };
    let path = match &file {
        Value::Str(s) => s.to_string(),
        Value::Int(_) => {
            return Err(PyErr::not_implemented(
                "open() of a file descriptor is not available in AwaitLab",
            ))
        }
        other => {
            return Err(PyErr::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                crate::object::type_name(other)
            )))
        }
    };
    let mode = match &slots[1] {
        None => "r".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                crate::object::type_name(other)
            )))
        }
    };
    let encoding = match &slots[3] {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'encoding' must be str or None, not {}",
                crate::object::type_name(other)
            )))
        }
    };
    let translate = matches!(slots[5], None | Some(Value::None));
    // CPython's mode checks, in its order.
    let invalid = || PyErr::value_error(format!("invalid mode: '{mode}'"));
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxabt+".contains(c) || seen.contains(c) {
            return Err(invalid());
        }
        seen.push(c);
    }
    let kinds = ['r', 'w', 'x', 'a']
        .iter()
        .filter(|c| seen.contains(**c))
        .count();
    if seen.contains('t') && seen.contains('b') {
        return Err(PyErr::value_error(
            "can't have text and binary mode at once",
        ));
    }
    if kinds > 1 {
        return Err(PyErr::value_error(
            "must have exactly one of create/read/write/append mode",
        ));
    }
    if kinds == 0 {
        return Err(PyErr::value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    }
    if seen.contains('b') {
        return Err(PyErr::not_implemented(format!(
            "open(): binary mode '{mode}' is not available in AwaitLab (files hold text only; \
             open the file in text mode)"
        )));
    }
    let plus = seen.contains('+');
    let fs = &vm.files;
    let (data, readable, writable, append) = if seen.contains('r') {
        if fs.is_dir(&path) {
            return Err(os_error(
                &with_types(|t| t.is_a_directory_error.clone()),
                21,
                "Is a directory",
                &path,
            ));
        }
        let data = fs.file(&path).ok_or_else(|| not_found(&path))?;
        (data, true, plus, false)
    } else if seen.contains('w') {
        (fs.create(&path, true)?, plus, true, false)
    } else if seen.contains('x') {
        if fs.is_file(&path) || fs.is_dir(&path) {
            return Err(os_error(
                &with_types(|t| t.file_exists_error.clone()),
                17,
                "File exists",
                &path,
            ));
        }
        (fs.create(&path, true)?, plus, true, false)
    } else {
        (fs.create(&path, false)?, plus, true, true)
    };
    let pos = if append { data.borrow().len() } else { 0 };
    Ok(Value::Native(Rc::new(TextFile {
        name: file,
        mode,
        encoding,
        data,
        pos: Cell::new(pos),
        readable,
        writable,
        append,
        closed: Cell::new(false),
        translate,
        string_io: false,
    })))
}
