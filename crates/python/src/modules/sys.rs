//! `sys`: the two output streams (printing to `sys.stderr` is shown in the console and kept
//! apart), `argv`, `version`, `exit`.

use std::rc::Rc;

use super::make_module;
use crate::builtins::func;
use crate::error::PyResult;
use crate::object::{Class, Namespace, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::{text, Args, Vm};

/// `sys.stdout` / `sys.stderr`.
struct Stream {
    err: bool,
}

thread_local! {
    static STREAM: Rc<Class> = {
        let c = crate::vm::call::plain_class("TextIOWrapper", "_io");
        crate::builtins::add_methods(&c, "TextIOWrapper", &[("write", write), ("flush", flush)]);
        c
    };
    static STDOUT: Value = Value::Native(Rc::new(Stream { err: false }));
    static STDERR: Value = Value::Native(Rc::new(Stream { err: true }));
}

impl Native for Stream {
    fn class(&self) -> Rc<Class> {
        STREAM.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self, _vm: &Vm) -> Option<String> {
        Some(format!(
            "<_io.TextIOWrapper name='<{}>' mode='w' encoding='utf-8'>",
            if self.err { "stderr" } else { "stdout" }
        ))
    }
}

fn stream_of(v: &Value) -> Option<bool> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Stream>().map(|s| s.err),
        _ => None,
    }
}

/// Whether `v` is `sys.stderr`.
pub fn is_stderr(v: &Value) -> bool {
    stream_of(v) == Some(true)
}

/// Whether `v` is `sys.stdout`.
pub fn is_stdout(v: &Value) -> bool {
    stream_of(v) == Some(false)
}

fn write(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("write", 2, 2)?;
    let s = text::str(vm, &args.pos[1])?;
    if is_stderr(&args.pos[0]) {
        vm.write_err(&s);
    } else {
        vm.write_out(&s);
    }
    Ok(Value::Int(s.chars().count() as i64))
}

fn flush(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn exit(_vm: &Vm, args: Args) -> PyResult<Value> {
    let class = with_types(|t| t.system_exit.clone());
    Err(crate::error::PyErr::with_args(&class, args.pos))
}

fn getrecursionlimit(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(crate::vm::MAX_DEPTH as i64))
}

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        m.insert("stdout".into(), STDOUT.with(|s| s.clone()));
        m.insert("stderr".into(), STDERR.with(|s| s.clone()));
        m.insert("argv".into(), Value::list(vec![Value::str("main.py")]));
        m.insert(
            "version".into(),
            Value::str("3.11.7 (AwaitLab's Python subset, running in your browser)"),
        );
        m.insert(
            "version_info".into(),
            Value::tuple(vec![
                Value::Int(3),
                Value::Int(11),
                Value::Int(7),
                Value::str("final"),
                Value::Int(0),
            ]),
        );
        m.insert("platform".into(), Value::str("emscripten"));
        m.insert("maxsize".into(), Value::Int(i64::MAX));
        m.insert("exit".into(), func("exit", exit));
        m.insert(
            "getrecursionlimit".into(),
            func("getrecursionlimit", getrecursionlimit),
        );
    }
    make_module("sys", ns)
}
