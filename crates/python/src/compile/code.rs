//! Bytecode: the instructions of a stack machine and the code object of one function, module
//! or class body. Shaped like CPython's (same instruction names where they exist) so a reader of
//! `dis` output finds their way; simplified where AwaitLab does not need CPython's generality.

use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::Value;

/// One instruction. Operands index the code object's tables (`consts`, `names`, `varnames`,
/// cells) or are jump targets (instruction indices).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// Does nothing (a jump target placeholder).
    Nop,
    /// Push `consts[i]`.
    LoadConst(u32),
    /// Push fast local `i` (`UnboundLocalError` if unset).
    LoadFast(u32),
    /// Pop into fast local `i`.
    StoreFast(u32),
    /// Unset fast local `i` (`del x`).
    DeleteFast(u32),
    /// Push the value in cell `i` (cellvars then freevars).
    LoadDeref(u32),
    /// Pop into cell `i`.
    StoreDeref(u32),
    /// Unset cell `i`.
    DeleteDeref(u32),
    /// Push global `names[i]` (then builtins; `NameError` if neither).
    LoadGlobal(u32),
    /// Pop into global `names[i]`.
    StoreGlobal(u32),
    /// Delete global `names[i]`.
    DeleteGlobal(u32),
    /// Push `names[i]` from the local namespace (class body, module), then globals, builtins.
    LoadName(u32),
    /// Pop into the local namespace.
    StoreName(u32),
    /// Delete from the local namespace.
    DeleteName(u32),
    /// TOS = TOS.names[i].
    LoadAttr(u32),
    /// TOS.names[i] = TOS1; pops both.
    StoreAttr(u32),
    /// del TOS.names[i].
    DeleteAttr(u32),
    /// Replace TOS with (method, self) or (NULL-free callable, marker) for `CallMethod`.
    LoadMethod(u32),
    /// Call a method loaded by `LoadMethod` with `n` positional arguments.
    CallMethod(u32),
    /// TOS = TOS1[TOS].
    BinarySubscr,
    /// TOS1[TOS] = TOS2.
    StoreSubscr,
    /// del TOS1[TOS].
    DeleteSubscr,
    /// Build a slice from 2 or 3 stack items.
    BuildSlice(u32),
    /// Pop.
    PopTop,
    /// Duplicate TOS.
    DupTop,
    /// Duplicate the top two.
    DupTopTwo,
    /// Swap the top two.
    RotTwo,
    /// Lift the second and third one up (TOS → third).
    RotThree,
    /// Move TOS to fourth.
    RotFour,
    /// TOS = TOS1 op TOS.
    Binary(BinOp),
    /// TOS = TOS1 op= TOS (in place for lists).
    Inplace(BinOp),
    /// TOS = op TOS.
    Unary(UnaryOp),
    /// TOS = TOS1 cmp TOS.
    Compare(CmpOp),
    /// Jump.
    Jump(u32),
    /// Pop; jump if false.
    PopJumpIfFalse(u32),
    /// Pop; jump if true.
    PopJumpIfTrue(u32),
    /// If TOS is false jump (keeping it), else pop.
    JumpIfFalseOrPop(u32),
    /// If TOS is true jump (keeping it), else pop.
    JumpIfTrueOrPop(u32),
    /// TOS = iter(TOS).
    GetIter,
    /// Push next(TOS), or pop TOS and jump when exhausted.
    ForIter(u32),
    /// TOS = TOS.__aiter__().
    GetAIter,
    /// Push TOS.__anext__() (an awaitable), keeping the iterator.
    GetANext,
    /// Handler of an `async for`: StopAsyncIteration ends the loop (pops exception and
    /// iterator), anything else re-raises.
    EndAsyncFor,
    /// Build a tuple of `n` items.
    BuildTuple(u32),
    /// Build a list of `n` items.
    BuildList(u32),
    /// Build a set of `n` items.
    BuildSet(u32),
    /// Build a dict of `n` key/value pairs.
    BuildMap(u32),
    /// Concatenate `n` strings (f-strings).
    BuildString(u32),
    /// Format a value: conversion in bits 0–1 (0 none, 1 str, 2 repr, 3 ascii); with bit 2 (4)
    /// set, TOS is the format spec and the value is below it.
    FormatValue(u32),
    /// `stack[-n].append(TOS)` (comprehensions).
    ListAppend(u32),
    /// `stack[-n].add(TOS)`.
    SetAdd(u32),
    /// `stack[-n][TOS1] = TOS`.
    MapAdd(u32),
    /// `stack[-n].extend(TOS)` (`[*a, *b]`).
    ListExtend(u32),
    /// `stack[-n].update(TOS)` for sets.
    SetUpdate(u32),
    /// `stack[-n].update(TOS)` for dicts (`{**a}`).
    DictUpdate(u32),
    /// TOS = tuple(TOS).
    ListToTuple,
    /// Unpack TOS into `n` items (pushed last first).
    UnpackSequence(u32),
    /// Unpack with a starred target: `before` items, a list, `after` items.
    UnpackEx(u32, u32),
    /// Make a function from `codes[i]`; flags: 1 a defaults tuple and 2 a kw-defaults dict are
    /// on the stack (in that order); 8: it closes over cells of this frame, found by the names in
    /// its `freevars`.
    MakeFunction(u32, u32),
    /// Call TOS-n with `n` positional arguments.
    Call(u32),
    /// Call with `n` arguments, the last of which are keywords named by the tuple `consts[k]`.
    CallKw(u32, u32),
    /// Call with a positional tuple and (flag 1) a keyword dict.
    CallEx(u32),
    /// Return TOS.
    Return,
    /// Yield TOS; the value sent in replaces it.
    YieldValue,
    /// Delegate to the iterator below TOS, sending TOS (`yield from`, `await`).
    YieldFrom,
    /// TOS = the awaitable of TOS (`__await__`), checked.
    GetAwaitable,
    /// Await TOS: push the result (the task suspends until it is ready).
    Await,
    /// Build a class: below `n` bases is the body function (made by `MakeFunction`); the VM runs
    /// the body with a fresh namespace, then makes the class named as the body's code.
    BuildClass(u32),
    /// Return the class body's namespace.
    ReturnNamespace,
    /// `raise` (0: re-raise, 1: TOS, 2: TOS1 from TOS).
    Raise(u32),
    /// Entering a handler: push the exception being handled (for bare `raise`).
    PushExcInfo,
    /// Leaving a handler: pop it.
    PopExcept,
    /// TOS = isinstance(TOS1, TOS) for `except T`; pops T, keeps the exception.
    CheckExcMatch,
    /// Re-raise TOS (end of a `finally` entered by an exception).
    Reraise,
    /// `with`: TOS = manager → push bound `__exit__`, then `__enter__()`'s result.
    BeforeWith,
    /// `async with`: push bound `__aexit__`, then the awaitable `__aenter__()`.
    BeforeAsyncWith,
    /// Exception in a `with` body: call the `__exit__` below the exception with it; push the
    /// result (true swallows).
    WithExceptStart,
    /// `import names[i]`: push the top-level package (flag 0) or the named module itself (1).
    ImportName(u32, u32),
    /// `from module import names[i]`: push the attribute, keep the module.
    ImportFrom(u32),
    /// `from module import *`.
    ImportStar,
    /// Push `AssertionError`.
    LoadAssertionError,
    /// Push a handler: an exception raised before the matching `PopBlock` cuts the stack back
    /// to its depth now, pushes the exception and jumps to the target.
    SetupFinally(u32),
    /// Pop the innermost handler.
    PopBlock,
}

/// What kind of code object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    /// Takes `*args`.
    pub varargs: bool,
    /// Takes `**kwargs`.
    pub varkw: bool,
    /// Has `yield`: calling it makes a generator.
    pub generator: bool,
    /// `async def`: calling it makes a coroutine.
    pub coroutine: bool,
    /// A class body: names go to a namespace dict.
    pub class_body: bool,
    /// The module's top level.
    pub module: bool,
}

/// A compiled function, module or class body.
pub struct Code {
    /// `co_name`.
    pub name: Rc<str>,
    /// `co_qualname` (`Outer.method`, `main.<locals>.inner`).
    pub qualname: Rc<str>,
    /// The instructions.
    pub ops: Vec<Op>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// Constants.
    pub consts: Vec<Value>,
    /// Names of globals, attributes and imports.
    pub names: Vec<Rc<str>>,
    /// Fast locals, parameters first.
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by inner functions (cells this frame creates).
    pub cellvars: Vec<Rc<str>>,
    /// Variables this function captures from outer ones.
    pub freevars: Vec<Rc<str>>,
    /// For each cellvar that is also a parameter, the parameter's fast-local index (its value is
    /// moved into the cell when the frame starts).
    pub cell_params: Vec<(u32, u32)>,
    /// Positional parameters (including positional-only).
    pub argcount: u32,
    /// Positional-only parameters.
    pub posonlyargcount: u32,
    /// Keyword-only parameters.
    pub kwonlyargcount: u32,
    /// Kind.
    pub flags: CodeFlags,
    /// Code objects of the functions, lambdas, comprehensions and class bodies inside.
    pub codes: Vec<Rc<Code>>,
    /// The line of the `def` (or 1 for a module).
    pub first_line: u32,
}

impl Code {
    /// The source line of instruction `ip`.
    pub fn line_at(&self, ip: u32) -> u32 {
        self.lines
            .get(ip as usize)
            .copied()
            .unwrap_or(self.first_line)
    }
}
