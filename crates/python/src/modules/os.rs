//! `os` and `os.path` over the run's in-memory files (`builtins::files`): `exists`, `remove`,
//! `listdir`, `mkdir`… with CPython's errors; `getpid()` and `cpu_count()` give fixed numbers
//! (the program runs in a browser tab). Processes, the shell and the real environment are not
//! there: those functions raise a clear "not available in AwaitLab" error. Also `io`
//! (`StringIO`, `open`, `UnsupportedOperation`).

use std::rc::Rc;

use super::make_module;
use crate::builtins::files::{self, not_found, CWD};
use crate::builtins::{func, NativeFn};
use crate::dict::Dict;
use crate::error::{PyErr, PyResult};
use crate::object::Namespace;
use crate::value::Value;
use crate::vm::{Args, Vm};

/// What `os.getpid()` returns: a fixed number, so runs are reproducible.
pub const PID: i64 = 4242;
/// What `os.cpu_count()` returns.
pub const CPU_COUNT: i64 = 4;

fn path_arg(args: &Args, i: usize, fname: &str) -> PyResult<String> {
    match args.pos.get(i) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(PyErr::type_error(format!(
            "{fname}: path should be string, bytes or os.PathLike, not {}",
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error(format!(
            "{fname}() missing required argument 'path' (pos 1)"
        ))),
    }
}

fn one_path(args: &Args, fname: &str) -> PyResult<String> {
    args.check_pos(fname, 1, 1)?;
    path_arg(args, 0, fname)
}

// ----- os.path -----

fn exists(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("exists", 1, 1)?;
    Ok(Value::Bool(match args.pos[0].as_str() {
        Some(p) => vm.files.is_file(p) || vm.files.is_dir(p),
        None => false,
    }))
}

fn isfile(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("isfile", 1, 1)?;
    Ok(Value::Bool(
        args.pos[0].as_str().is_some_and(|p| vm.files.is_file(p)),
    ))
}

fn isdir(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("isdir", 1, 1)?;
    Ok(Value::Bool(
        args.pos[0].as_str().is_some_and(|p| vm.files.is_dir(p)),
    ))
}

fn getsize(vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "getsize")?;
    if vm.files.is_dir(&p) {
        return Ok(Value::Int(4096));
    }
    match vm.files.size(&p) {
        Some(n) => Ok(Value::Int(n as i64)),
        None => Err(not_found(&p)),
    }
}

fn str_args(args: &Args, fname: &str) -> PyResult<Vec<String>> {
    args.pos
        .iter()
        .map(|v| match v {
            Value::Str(s) => Ok(s.to_string()),
            other => Err(PyErr::type_error(format!(
                "{fname}() argument must be str, bytes, or os.PathLike object, not '{}'",
                crate::object::type_name(other)
            ))),
        })
        .collect()
}

/// `posixpath.join`.
fn join_paths(parts: &[String]) -> String {
    let mut path = parts.first().cloned().unwrap_or_default();
    for b in &parts[1..] {
        if b.starts_with('/') {
            path = b.clone();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    path
}

fn join(_vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(PyErr::type_error(
            "join() missing 1 required positional argument: 'a'",
        ));
    }
    Ok(Value::from(join_paths(&str_args(&args, "join")?)))
}

/// `posixpath.split`: (head, tail).
fn split_path(p: &str) -> (String, String) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = (&p[..i], &p[i..]);
    let head = if !head.is_empty() && head.chars().any(|c| c != '/') {
        head.trim_end_matches('/')
    } else {
        head
    };
    (head.to_string(), tail.to_string())
}

fn split(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "split")?;
    let (h, t) = split_path(&p);
    Ok(Value::tuple(vec![Value::from(h), Value::from(t)]))
}

fn basename(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "basename")?;
    Ok(Value::from(split_path(&p).1))
}

fn dirname(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "dirname")?;
    Ok(Value::from(split_path(&p).0))
}

fn splitext(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "splitext")?;
    let sep = p.rfind('/').map_or(-1, |i| i as i64);
    if let Some(dot) = p.rfind('.') {
        if dot as i64 > sep {
            let start = (sep + 1) as usize;
            if p[start..dot].chars().any(|c| c != '.') {
                return Ok(Value::tuple(vec![
                    Value::str(&p[..dot]),
                    Value::str(&p[dot..]),
                ]));
            }
        }
    }
    Ok(Value::tuple(vec![Value::from(p), Value::str("")]))
}

/// `posixpath.normpath`.
fn normalize(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let initial = if p.starts_with("//") && !p.starts_with("///") {
        2
    } else if p.starts_with('/') {
        1
    } else {
        0
    };
    let mut parts: Vec<&str> = Vec::new();
    for comp in p.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && parts.is_empty()) || parts.last() == Some(&"..") {
            parts.push(comp);
        } else {
            parts.pop();
        }
    }
    let out = format!("{}{}", "/".repeat(initial), parts.join("/"));
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

fn normpath(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "normpath")?;
    Ok(Value::from(normalize(&p)))
}

fn abspath(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "abspath")?;
    let joined = if p.starts_with('/') {
        p
    } else {
        join_paths(&[CWD.to_string(), p])
    };
    Ok(Value::from(normalize(&joined)))
}

fn isabs(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "isabs")?;
    Ok(Value::Bool(p.starts_with('/')))
}

fn expanduser(_vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "expanduser")?;
    Ok(Value::from(match p.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("{CWD}{rest}"),
        _ => p,
    }))
}

// ----- os -----

fn remove(vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "remove")?;
    vm.files.remove(&p)?;
    Ok(Value::None)
}

fn listdir(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check_pos("listdir", 0, 1)?;
    let p = match args.pos.first() {
        None | Some(Value::None) => ".".to_string(),
        Some(_) => path_arg(&args, 0, "listdir")?,
    };
    let names = vm.files.listdir(&p)?;
    Ok(Value::list(names.into_iter().map(Value::from).collect()))
}

fn mkdir(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check_pos("mkdir", 1, 2)?;
    let p = path_arg(&args, 0, "mkdir")?;
    vm.files.mkdir(&p, false, false)?;
    Ok(Value::None)
}

fn makedirs(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let exist_ok = args.take_kw("exist_ok");
    let _mode = args.take_kw("mode");
    args.no_more_kw("makedirs")?;
    args.check_pos("makedirs", 1, 3)?;
    let p = path_arg(&args, 0, "makedirs")?;
    let exist_ok = match exist_ok.or_else(|| args.pos.get(2).cloned()) {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    vm.files.mkdir(&p, true, exist_ok)?;
    Ok(Value::None)
}

fn rmdir(vm: &Vm, args: Args) -> PyResult<Value> {
    let p = one_path(&args, "rmdir")?;
    vm.files.rmdir(&p)?;
    Ok(Value::None)
}

fn rename(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("rename", 2, 2)?;
    let (a, b) = (path_arg(&args, 0, "rename")?, path_arg(&args, 1, "rename")?);
    vm.files.rename(&a, &b)?;
    Ok(Value::None)
}

fn getcwd(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("getcwd", 0, 0)?;
    Ok(Value::str(CWD))
}

fn getpid(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("getpid", 0, 0)?;
    Ok(Value::Int(PID))
}

fn cpu_count(_vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("cpu_count", 0, 0)?;
    Ok(Value::Int(CPU_COUNT))
}

fn getenv(_vm: &Vm, mut args: Args) -> PyResult<Value> {
    let default = args.take_kw("default");
    args.check_pos("getenv", 1, 2)?;
    let _key = path_arg(&args, 0, "getenv")?;
    Ok(default
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::None))
}

fn unavailable(name: &str) -> PyErr {
    PyErr::not_implemented(format!(
        "os.{name}() is not available in AwaitLab: programs run in the browser, with no \
         processes or shell, and their files live in memory"
    ))
}

macro_rules! stubs {
    ($($name:ident),* $(,)?) => {
        const STUBS: &[(&str, NativeFn)] = &[
            $((stringify!($name), {
                fn $name(_vm: &Vm, _args: Args) -> PyResult<Value> {
                    Err(unavailable(stringify!($name)))
                }
                $name
            }),)*
        ];
    };
}

stubs! {
    system, popen, fork, kill, execv, execvp, execl, execlp, spawnv, spawnl, waitpid, wait,
    chdir, chmod, chown, getlogin, getuid, getgid, getppid, nice, pipe, dup, dup2, symlink,
    link, readlink, stat, lstat, scandir, walk, utime, startfile, times, urandom,
}

pub(super) fn path_module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, NativeFn)] = &[
            ("exists", exists),
            ("lexists", exists),
            ("isfile", isfile),
            ("isdir", isdir),
            ("getsize", getsize),
            ("join", join),
            ("split", split),
            ("basename", basename),
            ("dirname", dirname),
            ("splitext", splitext),
            ("normpath", normpath),
            ("abspath", abspath),
            ("realpath", abspath),
            ("isabs", isabs),
            ("expanduser", expanduser),
        ];
        for (name, f) in fns {
            m.insert(Rc::from(*name), func(name, *f));
        }
        m.insert(Rc::from("sep"), Value::str("/"));
    }
    make_module("posixpath", ns)
}

pub(super) fn module(path: Value) -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        for (name, f) in STUBS {
            m.insert(Rc::from(*name), func(name, *f));
        }
        let fns: &[(&str, NativeFn)] = &[
            ("remove", remove),
            ("unlink", remove),
            ("listdir", listdir),
            ("mkdir", mkdir),
            ("makedirs", makedirs),
            ("rmdir", rmdir),
            ("rename", rename),
            ("replace", rename),
            ("getcwd", getcwd),
            ("getpid", getpid),
            ("cpu_count", cpu_count),
            ("getenv", getenv),
        ];
        for (name, f) in fns {
            m.insert(Rc::from(*name), func(name, *f));
        }
        for (name, v) in [
            ("sep", "/"),
            ("extsep", "."),
            ("pathsep", ":"),
            ("linesep", "\n"),
            ("name", "posix"),
            ("curdir", "."),
            ("pardir", ".."),
            ("devnull", "/dev/null"),
        ] {
            m.insert(Rc::from(name), Value::str(v));
        }
        m.insert(Rc::from("altsep"), Value::None);
        m.insert(Rc::from("environ"), Value::dict(Dict::new()));
        m.insert(Rc::from("path"), path);
    }
    make_module("os", ns)
}

fn bytesio(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(PyErr::not_implemented(
        "io.BytesIO is not available in AwaitLab (there are no bytes; use io.StringIO)",
    ))
}

pub(super) fn io_module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        m.insert(Rc::from("open"), func("open", files::open));
        m.insert(Rc::from("BytesIO"), func("BytesIO", bytesio));
        for c in [
            files::stringio_class(),
            files::textio_class(),
            files::unsupported_class(),
        ] {
            m.insert(c.name.clone(), Value::Class(c));
        }
        m.insert(Rc::from("SEEK_SET"), Value::Int(0));
        m.insert(Rc::from("SEEK_CUR"), Value::Int(1));
        m.insert(Rc::from("SEEK_END"), Value::Int(2));
    }
    make_module("io", ns)
}
