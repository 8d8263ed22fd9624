//! The built-in classes: `int`, `str`, `list`…, the exception hierarchy, and asyncio's exception
//! types. They are made once per thread and shared by every run (they are immutable, as in
//! CPython), so Rust code anywhere can raise `ValueError` without holding the VM.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::PyResult;
use crate::object::{Class, ClassKind, Instance, Native};
use crate::value::Value;
use crate::vm::{Args, Vm};

/// Constructor of a built-in class.
pub type NewFn = fn(&Vm, &Rc<Class>, Args) -> PyResult<Value>;

macro_rules! types_struct {
    ($($field:ident),* $(,)?) => {
        /// Every built-in class.
        #[allow(missing_docs)]
        pub struct Types {
            $(pub $field: Rc<Class>,)*
        }
    };
}

types_struct! {
    object, type_, none_type, bool_, int, float, str, list, tuple, dict, set, frozenset, range,
    slice, function, builtin_function, method, module, generator, coroutine, async_generator,
    property, staticmethod, classmethod, ellipsis_type, not_implemented_type, iterator, dict_keys, dict_values,
    dict_items,
    base_exception, exception, arithmetic_error, zero_division_error, overflow_error,
    lookup_error, index_error, key_error, value_error, type_error, name_error,
    unbound_local_error, attribute_error, runtime_error, recursion_error, not_implemented_error,
    stop_iteration, stop_async_iteration, generator_exit, keyboard_interrupt, system_exit,
    assertion_error, import_error, module_not_found_error, os_error, connection_error,
    file_not_found_error, file_exists_error, is_a_directory_error, not_a_directory_error,
    permission_error,
    timeout_error, eof_error, syntax_error, unicode_error, memory_error,
    cancelled_error, invalid_state_error, queue_empty, queue_full, sync_queue_empty,
    sync_queue_full, abort,
}

/// Makes a class. Built-in ones are frozen.
pub fn make_class(
    name: &str,
    module: &str,
    bases: Vec<Rc<Class>>,
    kind: ClassKind,
    new: Option<NewFn>,
) -> Rc<Class> {
    let mut mro = Vec::new();
    for b in &bases {
        for c in b.lineage() {
            if !mro.iter().any(|m: &Rc<Class>| Rc::ptr_eq(m, c)) {
                mro.push(c.clone());
            }
        }
    }
    Rc::new(Class {
        name: Rc::from(name),
        module: Rc::from(module),
        bases,
        mro,
        attrs: RefCell::default(),
        kind,
        frozen: module != "__main__",
        new: std::cell::Cell::new(new),
    })
}

impl Types {
    fn new() -> Types {
        use ClassKind::*;
        let object = make_class("object", "builtins", vec![], Plain, None);
        let b = |name: &str| make_class(name, "builtins", vec![object.clone()], Builtin, None);
        let int = b("int");
        let bool_ = make_class("bool", "builtins", vec![int.clone()], Builtin, None);
        let base_exception = make_class(
            "BaseException",
            "builtins",
            vec![object.clone()],
            Exception,
            None,
        );
        let exc = |name: &str, base: &Rc<Class>| {
            make_class(name, "builtins", vec![base.clone()], Exception, None)
        };
        let exception = exc("Exception", &base_exception);
        let arithmetic_error = exc("ArithmeticError", &exception);
        let lookup_error = exc("LookupError", &exception);
        let name_error = exc("NameError", &exception);
        let runtime_error = exc("RuntimeError", &exception);
        let import_error = exc("ImportError", &exception);
        let os_error = exc("OSError", &exception);
        let value_error = exc("ValueError", &exception);
        let syntax_error = exc("SyntaxError", &exception);
        let in_module = |name: &str, module: &str, base: &Rc<Class>| {
            make_class(name, module, vec![base.clone()], Exception, None)
        };
        Types {
            type_: b("type"),
            none_type: b("NoneType"),
            bool_,
            float: b("float"),
            str: b("str"),
            list: b("list"),
            tuple: b("tuple"),
            dict: b("dict"),
            set: b("set"),
            frozenset: b("frozenset"),
            range: b("range"),
            slice: b("slice"),
            function: b("function"),
            builtin_function: b("builtin_function_or_method"),
            method: b("method"),
            module: b("module"),
            generator: b("generator"),
            coroutine: b("coroutine"),
            async_generator: b("async_generator"),
            property: b("property"),
            staticmethod: b("staticmethod"),
            classmethod: b("classmethod"),
            ellipsis_type: b("ellipsis"),
            not_implemented_type: b("NotImplementedType"),
            iterator: b("iterator"),
            dict_keys: b("dict_keys"),
            dict_values: b("dict_values"),
            dict_items: b("dict_items"),
            zero_division_error: exc("ZeroDivisionError", &arithmetic_error),
            overflow_error: exc("OverflowError", &arithmetic_error),
            index_error: exc("IndexError", &lookup_error),
            key_error: exc("KeyError", &lookup_error),
            type_error: exc("TypeError", &exception),
            unbound_local_error: exc("UnboundLocalError", &name_error),
            attribute_error: exc("AttributeError", &exception),
            recursion_error: exc("RecursionError", &runtime_error),
            not_implemented_error: exc("NotImplementedError", &runtime_error),
            stop_iteration: exc("StopIteration", &exception),
            stop_async_iteration: exc("StopAsyncIteration", &exception),
            generator_exit: exc("GeneratorExit", &base_exception),
            keyboard_interrupt: exc("KeyboardInterrupt", &base_exception),
            system_exit: exc("SystemExit", &base_exception),
            assertion_error: exc("AssertionError", &exception),
            module_not_found_error: exc("ModuleNotFoundError", &import_error),
            connection_error: exc("ConnectionError", &os_error),
            file_not_found_error: exc("FileNotFoundError", &os_error),
            file_exists_error: exc("FileExistsError", &os_error),
            is_a_directory_error: exc("IsADirectoryError", &os_error),
            not_a_directory_error: exc("NotADirectoryError", &os_error),
            permission_error: exc("PermissionError", &os_error),
            timeout_error: exc("TimeoutError", &os_error),
            eof_error: exc("EOFError", &exception),
            unicode_error: exc("UnicodeError", &value_error),
            memory_error: exc("MemoryError", &exception),
            cancelled_error: in_module("CancelledError", "asyncio.exceptions", &base_exception),
            invalid_state_error: in_module("InvalidStateError", "asyncio.exceptions", &exception),
            queue_empty: in_module("QueueEmpty", "asyncio.queues", &exception),
            queue_full: in_module("QueueFull", "asyncio.queues", &exception),
            sync_queue_empty: in_module("Empty", "queue", &exception),
            sync_queue_full: in_module("Full", "queue", &exception),
            abort: in_module("AwaitLabStop", "awaitlab", &base_exception),
            int,
            object,
            base_exception,
            exception,
            arithmetic_error,
            lookup_error,
            value_error,
            name_error,
            runtime_error,
            import_error,
            os_error,
            syntax_error,
        }
    }

    /// The exception classes a program can name as builtins.
    pub fn builtin_exceptions(&self) -> Vec<&Rc<Class>> {
        vec![
            &self.base_exception,
            &self.exception,
            &self.arithmetic_error,
            &self.zero_division_error,
            &self.overflow_error,
            &self.lookup_error,
            &self.index_error,
            &self.key_error,
            &self.value_error,
            &self.type_error,
            &self.name_error,
            &self.unbound_local_error,
            &self.attribute_error,
            &self.runtime_error,
            &self.recursion_error,
            &self.not_implemented_error,
            &self.stop_iteration,
            &self.stop_async_iteration,
            &self.generator_exit,
            &self.keyboard_interrupt,
            &self.system_exit,
            &self.assertion_error,
            &self.import_error,
            &self.module_not_found_error,
            &self.os_error,
            &self.connection_error,
            &self.file_not_found_error,
            &self.file_exists_error,
            &self.is_a_directory_error,
            &self.not_a_directory_error,
            &self.permission_error,
            &self.timeout_error,
            &self.eof_error,
            &self.syntax_error,
            &self.unicode_error,
            &self.memory_error,
        ]
    }
}

thread_local! {
    static TYPES: Rc<Types> = {
        let t = Rc::new(Types::new());
        crate::builtins::install_type_methods(&t);
        t
    };
    static ELLIPSIS: Value = Value::Instance(Rc::new(Instance {
        class: with_types(|t| t.ellipsis_type.clone()),
        attrs: Default::default(),
        exc: None,
    }));
    static NOT_IMPLEMENTED: Value = Value::Instance(Rc::new(Instance {
        class: with_types(|t| t.not_implemented_type.clone()),
        attrs: Default::default(),
        exc: None,
    }));
}

/// Runs `f` with the built-in classes.
pub fn with_types<R>(f: impl FnOnce(&Types) -> R) -> R {
    TYPES.with(|t| f(t))
}

/// The built-in classes, shared.
pub fn types() -> Rc<Types> {
    TYPES.with(|t| t.clone())
}

/// `NotImplemented`: what a binary dunder returns to let the other operand try.
pub fn not_implemented() -> Value {
    NOT_IMPLEMENTED.with(|e| e.clone())
}

/// `...`.
pub fn ellipsis() -> Value {
    ELLIPSIS.with(|e| e.clone())
}

/// `type(v)`.
pub fn class_of(v: &Value) -> Rc<Class> {
    with_types(|t| {
        match v {
            Value::None => &t.none_type,
            Value::Bool(_) => &t.bool_,
            Value::Int(_) | Value::BigInt(_) => &t.int,
            Value::Float(_) => &t.float,
            Value::Str(_) => &t.str,
            Value::Tuple(_) => &t.tuple,
            Value::List(_) => &t.list,
            Value::Dict(_) => &t.dict,
            Value::Set(_) => &t.set,
            Value::FrozenSet(_) => &t.frozenset,
            Value::Range(_) => &t.range,
            Value::Slice(_) => &t.slice,
            Value::Function(_) => &t.function,
            Value::Builtin(_) => &t.builtin_function,
            Value::Method(_) => &t.method,
            Value::Descriptor(d) => match &**d {
                crate::object::Descriptor::Property { .. } => &t.property,
                crate::object::Descriptor::StaticMethod(_) => &t.staticmethod,
                crate::object::Descriptor::ClassMethod(_) => &t.classmethod,
            },
            Value::Class(_) => &t.type_,
            Value::Instance(i) => return i.class.clone(),
            Value::Module(_) => &t.module,
            Value::Gen(g) => match g.kind {
                crate::object::GenKind::Generator => &t.generator,
                crate::object::GenKind::Coroutine => &t.coroutine,
                crate::object::GenKind::AsyncGenerator => &t.async_generator,
            },
            Value::Iter(_) => &t.iterator,
            Value::Native(n) => return n.class(),
        }
        .clone()
    })
}

/// A native object's class, made once per thread by `make`.
pub fn native_class(slot: &'static std::thread::LocalKey<Rc<Class>>) -> Rc<Class> {
    slot.with(|c| c.clone())
}

/// Whether `v` is an instance of `class` (`isinstance`).
pub fn isinstance(v: &Value, class: &Rc<Class>) -> bool {
    class_of(v).is_subclass(class)
}

/// For [`Native`] implementors: the default `repr`.
pub fn default_repr(n: &dyn Native, addr: usize) -> String {
    format!("<{} object at {addr:#x}>", n.class().qualified_name())
}
