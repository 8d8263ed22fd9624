//! `time`: `sleep` is the runtime's blocking sleep (it holds the thread: on the page, the page
//! freezes), and the clocks read the run's clock in scenario seconds, so a program's elapsed
//! prints match the timeline. `time.time()` starts at 2024-01-01 00:00:00 UTC, as the golden
//! tests' CPython runner does, so `strftime` output is reproducible.

use super::make_module;
use crate::builtins::{func, num_arg};
use crate::error::{PyErr, PyResult};
use crate::object::Namespace;
use crate::value::Value;
use crate::vm::{Args, Vm};

/// What `time.time()` reads when the run starts (2024-01-01T00:00:00Z).
pub const EPOCH_S: f64 = 1_704_067_200.0;

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    {
        let mut m = ns.borrow_mut();
        let fns: &[(&str, crate::builtins::NativeFn)] = &[
            ("sleep", sleep),
            ("time", time),
            ("perf_counter", clock),
            ("monotonic", clock),
            ("process_time", clock),
            ("thread_time", clock),
            ("time_ns", time_ns),
            ("perf_counter_ns", clock_ns),
            ("monotonic_ns", clock_ns),
            ("strftime", strftime),
            ("ctime", ctime),
            ("asctime", ctime),
        ];
        for (name, f) in fns {
            m.insert((*name).into(), func(name, *f));
        }
    }
    make_module("time", ns)
}

/// The run's clock in scenario seconds.
pub fn now_s(vm: &Vm) -> f64 {
    vm.lab.now_s()
}

fn sleep(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("sleep", 1, 1)?;
    let s = num_arg(&args.pos[0], "'secs'").map_err(|_| {
        PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::object::type_name(&args.pos[0])
        ))
    })?;
    if s.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if s < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    crate::modules::asyncio::check_freeze(vm, s)?;
    vm.flush_out();
    vm.lab.block(s);
    Ok(Value::None)
}

fn time(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("time", 0, 0)?;
    Ok(Value::Float(EPOCH_S + now_s(vm)))
}

fn clock(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("perf_counter", 0, 0)?;
    Ok(Value::Float(now_s(vm)))
}

fn time_ns(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        EPOCH_S as i64 * 1_000_000_000 + (now_s(vm) * 1e9).round() as i64,
    ))
}

fn clock_ns(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((now_s(vm) * 1e9).round() as i64))
}

/// Civil date and time (UTC) of `t` seconds since 1970.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    weekday: u32,
    yday: u32,
}

fn civil(t: f64) -> Civil {
    let secs = t.floor() as i64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const CUM: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let yday = CUM[(month - 1) as usize] + day + u32::from(leap && month > 2);
    Civil {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem % 3600 / 60,
        second: rem % 60,
        // 1970-01-01 was a Thursday; Python counts Monday as 0.
        weekday: (days + 3).rem_euclid(7) as u32,
        yday,
    }
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn format_time(fmt: &str, c: &Civil) -> PyResult<String> {
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(ch) = chars.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        let day = DAYS[c.weekday as usize];
        let month = MONTHS[(c.month - 1) as usize];
        match d {
            'Y' => out.push_str(&c.year.to_string()),
            'y' => out.push_str(&format!("{:02}", c.year.rem_euclid(100))),
            'm' => out.push_str(&format!("{:02}", c.month)),
            'd' => out.push_str(&format!("{:02}", c.day)),
            'e' => out.push_str(&format!("{:2}", c.day)),
            'H' => out.push_str(&format!("{:02}", c.hour)),
            'I' => out.push_str(&format!("{:02}", (c.hour + 11) % 12 + 1)),
            'M' => out.push_str(&format!("{:02}", c.minute)),
            'S' => out.push_str(&format!("{:02}", c.second)),
            'p' => out.push_str(if c.hour < 12 { "AM" } else { "PM" }),
            'j' => out.push_str(&format!("{:03}", c.yday)),
            'A' => out.push_str(day),
            'a' => out.push_str(&day[..3]),
            'B' => out.push_str(month),
            'b' | 'h' => out.push_str(&month[..3]),
            'w' => out.push_str(&((c.weekday + 1) % 7).to_string()),
            'X' | 'T' => out.push_str(&format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second)),
            'x' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                c.month,
                c.day,
                c.year.rem_euclid(100)
            )),
            'D' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                c.month,
                c.day,
                c.year.rem_euclid(100)
            )),
            'F' => out.push_str(&format!("{}-{:02}-{:02}", c.year, c.month, c.day)),
            'R' => out.push_str(&format!("{:02}:{:02}", c.hour, c.minute)),
            'c' => out.push_str(&format!(
                "{} {} {:2} {:02}:{:02}:{:02} {}",
                &day[..3],
                &month[..3],
                c.day,
                c.hour,
                c.minute,
                c.second,
                c.year
            )),
            'Z' => out.push_str("UTC"),
            'z' => out.push_str("+0000"),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn strftime(vm: &Vm, args: Args) -> PyResult<Value> {
    args.check("strftime", 1, 2)?;
    let fmt = crate::builtins::str_arg(&args.pos[0], "strftime() argument 1")?;
    if args.pos.len() == 2 {
        return Err(PyErr::not_implemented(
            "strftime with a time tuple is not supported in AwaitLab (it formats the run's clock)",
        ));
    }
    let c = civil(EPOCH_S + now_s(vm));
    Ok(Value::from(format_time(fmt, &c)?))
}

fn ctime(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = match args.pos.first() {
        Some(v) if !v.is_none() => num_arg(v, "ctime() argument")?,
        _ => EPOCH_S + now_s(vm),
    };
    Ok(Value::from(format_time("%c", &civil(t))?))
}
