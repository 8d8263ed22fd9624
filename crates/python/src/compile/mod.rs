//! Syntax tree → bytecode. `symtable` decides where each name lives; `codegen` walks the tree
//! and emits instructions; `code` holds the result.

pub mod code;
mod codegen;
pub mod symtable;

use std::rc::Rc;

use crate::ast::{Module, SyntaxError};
use code::Code;

/// Compiles a parsed module into the code object of its top level. Errors the parser cannot see
/// (`'return' outside function`, `'await' outside async function`, `'break' outside loop`,
/// scope errors) are `SyntaxError`s here, with CPython's wording.
pub fn compile_module(module: &Module) -> Result<Rc<Code>, SyntaxError> {
    let table = symtable::SymTable::build(module)?;
    codegen::Codegen::module(&table, module)
}
