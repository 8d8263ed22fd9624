//! Our own guard, not CPython's behaviour: widths and precisions past `MAX_PADDED_LEN` raise
//! MemoryError instead of allocating gigabytes in a browser tab; truncating precisions (which
//! allocate nothing) are unaffected.

use awaitlab_python::text::{self, Exc, FormatArg, Num, PercentArgs, PyErr, MAX_PADDED_LEN};

struct Arg(i64);

impl FormatArg for Arg {
    type Error = PyErr;
    fn as_number(&self) -> Option<Num> {
        Some(Num::Int(self.0))
    }
    fn as_str(&self) -> Option<&str> {
        None
    }
    fn to_str(&self) -> Result<String, PyErr> {
        Ok(self.0.to_string())
    }
    fn to_repr(&self) -> Result<String, PyErr> {
        Ok(self.0.to_string())
    }
    fn type_name(&self) -> String {
        "int".to_string()
    }
    fn get_item(&self, _key: &str) -> Result<Self, PyErr> {
        unreachable!("not a mapping")
    }
}

fn memory_error<T: std::fmt::Debug>(r: Result<T, PyErr>) -> bool {
    matches!(
        r,
        Err(PyErr {
            exc: Exc::MemoryError,
            ..
        })
    )
}

#[test]
fn huge_widths_and_precisions_raise_memory_error() {
    let over = (MAX_PADDED_LEN + 1).to_string();
    assert!(memory_error(text::format_int(1, &over)));
    assert!(memory_error(text::format_float(1.0, &format!(".{over}f"))));
    assert!(memory_error(text::format_str("abc", &over)));
    let args = [Arg(1)];
    assert!(memory_error(text::percent_format(
        &format!("%{over}d"),
        PercentArgs::Tuple(&args)
    )));
    assert!(memory_error(text::percent_format(
        &format!("%.{over}d"),
        PercentArgs::Tuple(&args)
    )));
    // Truncation allocates nothing: allowed, as in CPython.
    assert_eq!(text::format_str("abc", &format!(".{over}")).unwrap(), "abc");
    assert_eq!(
        text::percent_format(&format!("%.{over}s"), PercentArgs::Tuple(&args)).unwrap(),
        "1"
    );
}
