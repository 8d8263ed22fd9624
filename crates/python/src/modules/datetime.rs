//! `datetime`: `date`, `datetime`, `time`, `timedelta` and `timezone`, following CPython
//! 3.11's `_datetime` (constructor checks and messages, `timedelta`'s normalisation and
//! rounding, the reprs, `isoformat`, `strftime` as glibc formats, `strptime`'s common
//! directives). `now()`, `today()` and `utcnow()` read the run's clock as `time.time()` does
//! (2024-01-01 00:00:00 UTC when the program starts; the zone is UTC), so printed times match
//! the timeline. Instances hash by identity (as every instance does in AwaitLab).

use std::rc::Rc;

use super::make_module;
use super::rust_class::{self as rc, instance, params, rest};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Instance, Namespace, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::{text, Args, Vm};

// =============================================================================== calendar

const MAX_DAYS: i64 = 999_999_999;
const US_PER_DAY: i128 = 86_400_000_000;
/// Ordinal of 9999-12-31.
const MAX_ORDINAL: i64 = 3_652_059;

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    const DIM: [u32; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if m == 2 && is_leap(y) {
        29
    } else {
        DIM[m as usize]
    }
}

fn days_before_year(y: i64) -> i64 {
    let y = y - 1;
    y * 365 + y / 4 - y / 100 + y / 400
}

fn days_before_month(y: i64, m: u32) -> i64 {
    const DBM: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    DBM[m as usize] + i64::from(m > 2 && is_leap(y))
}

/// Proleptic Gregorian ordinal: 0001-01-01 is 1.
fn ymd_to_ord(y: i64, m: u32, d: u32) -> i64 {
    days_before_year(y) + days_before_month(y, m) + d as i64
}

/// The inverse of [`ymd_to_ord`] (CPython's `ord_to_ymd`).
fn ord_to_ymd(n: i64) -> (i64, u32, u32) {
    let mut n = n - 1;
    let n400 = n.div_euclid(146_097);
    n = n.rem_euclid(146_097);
    let mut year = n400 * 400 + 1;
    let n100 = n / 36_524;
    n %= 36_524;
    let n4 = n / 1461;
    n %= 1461;
    let n1 = n / 365;
    n %= 365;
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    const DBM: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let mut month = ((n + 50) >> 5) as u32;
    let mut preceding = DBM[month as usize] + i64::from(month > 2 && leap);
    if preceding > n {
        month -= 1;
        preceding -= days_in_month(2001, month) as i64 + i64::from(month == 2 && leap);
    }
    (year, month, (n - preceding + 1) as u32)
}

/// Monday is 0.
fn weekday(y: i64, m: u32, d: u32) -> u32 {
    ((ymd_to_ord(y, m, d) + 6) % 7) as u32
}

/// ISO year, week and weekday.
fn iso_calendar(y: i64, m: u32, d: u32) -> (i64, u32, u32) {
    let week1 = |year: i64| -> i64 {
        let first = ymd_to_ord(year, 1, 1);
        let wd = (first + 6) % 7;
        let monday = first - wd;
        if wd > 3 {
            monday + 7
        } else {
            monday
        }
    };
    let today = ymd_to_ord(y, m, d);
    let mut year = y;
    let mut start = week1(year);
    if today < start {
        year -= 1;
        start = week1(year);
    } else if today >= week1(year + 1) {
        year += 1;
        start = week1(year);
    }
    let week = (today - start) / 7 + 1;
    let day = (today - start) % 7 + 1;
    (year, week as u32, day as u32)
}

// =============================================================================== values

/// A `timedelta`, normalised as CPython keeps it: `0 <= secs < 86400`, `0 <= us < 10**6`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
struct Delta {
    days: i64,
    secs: i64,
    us: i64,
}

impl Delta {
    fn from_us(total: i128) -> PyResult<Delta> {
        let days = total.div_euclid(US_PER_DAY);
        let rest = total.rem_euclid(US_PER_DAY);
        if days.abs() > MAX_DAYS as i128 {
            return Err(PyErr::overflow(format!(
                "days={days}; must have magnitude <= {MAX_DAYS}"
            )));
        }
        Ok(Delta {
            days: days as i64,
            secs: (rest / 1_000_000) as i64,
            us: (rest % 1_000_000) as i64,
        })
    }

    fn total_us(&self) -> i128 {
        self.days as i128 * US_PER_DAY + self.secs as i128 * 1_000_000 + self.us as i128
    }
}

/// A date and a time of day (a `date` has a zero time; a `time` ignores the date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Civil {
    y: i64,
    m: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    us: u32,
}

impl Civil {
    fn date(y: i64, m: u32, d: u32) -> Civil {
        Civil {
            y,
            m,
            d,
            h: 0,
            mi: 0,
            s: 0,
            us: 0,
        }
    }

    fn ordinal(&self) -> i64 {
        ymd_to_ord(self.y, self.m, self.d)
    }

    /// Microseconds since 0001-01-01 00:00.
    fn total_us(&self) -> i128 {
        (self.ordinal() as i128 - 1) * US_PER_DAY
            + ((self.h as i128 * 60 + self.mi as i128) * 60 + self.s as i128) * 1_000_000
            + self.us as i128
    }

    fn from_total_us(t: i128) -> PyResult<Civil> {
        let days = t.div_euclid(US_PER_DAY) as i64 + 1;
        if !(1..=MAX_ORDINAL).contains(&days) {
            return Err(PyErr::overflow("date value out of range"));
        }
        let rest = t.rem_euclid(US_PER_DAY) as i64;
        let (y, m, d) = ord_to_ymd(days);
        let secs = rest / 1_000_000;
        Ok(Civil {
            y,
            m,
            d,
            h: (secs / 3600) as u32,
            mi: (secs / 60 % 60) as u32,
            s: (secs % 60) as u32,
            us: (rest % 1_000_000) as u32,
        })
    }

    fn time_of_day_us(&self) -> i64 {
        ((self.h as i64 * 60 + self.mi as i64) * 60 + self.s as i64) * 1_000_000 + self.us as i64
    }
}

/// A fixed-offset zone (`timezone`), the only `tzinfo` AwaitLab has.
#[derive(Clone, Debug, PartialEq)]
struct Zone {
    offset: Delta,
    name: Option<Rc<str>>,
}

impl Zone {
    fn utc() -> Zone {
        Zone {
            offset: Delta::default(),
            name: None,
        }
    }

    fn offset_us(&self) -> i128 {
        self.offset.total_us()
    }

    /// `tzname()`: the name given, or `UTC`, `UTC+05:30`.
    fn tzname(&self) -> String {
        if let Some(n) = &self.name {
            return n.to_string();
        }
        let us = self.offset_us();
        if us == 0 {
            return "UTC".into();
        }
        format!("UTC{}", offset_text(us, ":"))
    }
}

/// `+05:30`, `-01:00`, with seconds and microseconds when there are any.
fn offset_text(us: i128, sep: &str) -> String {
    let sign = if us < 0 { '-' } else { '+' };
    let us = us.abs();
    let (secs, frac) = (us / 1_000_000, us % 1_000_000);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = format!("{sign}{h:02}{sep}{m:02}");
    if s != 0 || frac != 0 {
        out.push_str(&format!("{sep}{s:02}"));
        if frac != 0 {
            out.push_str(&format!(".{frac:06}"));
        }
    }
    out
}

#[derive(Clone, Debug)]
enum Val {
    Date(Civil),
    DateTime(Civil, Option<Zone>),
    Time(Civil, Option<Zone>),
    Delta(Delta),
    Zone(Zone),
}

struct DtNative(Val);

thread_local! {
    static STATE_CLASS: Rc<Class> = crate::vm::call::plain_class("state", "datetime");
}

impl Native for DtNative {
    fn class(&self) -> Rc<Class> {
        STATE_CLASS.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn val_of(v: &Value) -> Option<Val> {
    let Value::Instance(i) = v else {
        return None;
    };
    match rc::state(i) {
        Some(Value::Native(n)) => n.as_any().downcast_ref::<DtNative>().map(|d| d.0.clone()),
        _ => None,
    }
}

fn make(class: &Rc<Class>, v: Val) -> Value {
    instance(class, Value::Native(Rc::new(DtNative(v))))
}

// =============================================================================== classes

thread_local! {
    static CLASSES: Classes = Classes::new();
}

struct Classes {
    date: Rc<Class>,
    datetime: Rc<Class>,
    time: Rc<Class>,
    timedelta: Rc<Class>,
    tzinfo: Rc<Class>,
    timezone: Rc<Class>,
}

fn classes<R>(f: impl FnOnce(&Classes) -> R) -> R {
    CLASSES.with(f)
}

fn cls_date() -> Rc<Class> {
    classes(|c| c.date.clone())
}
fn cls_datetime() -> Rc<Class> {
    classes(|c| c.datetime.clone())
}
fn cls_time() -> Rc<Class> {
    classes(|c| c.time.clone())
}
fn cls_timedelta() -> Rc<Class> {
    classes(|c| c.timedelta.clone())
}
fn cls_timezone() -> Rc<Class> {
    classes(|c| c.timezone.clone())
}

impl Classes {
    fn new() -> Classes {
        let m = "datetime";
        let date = rc::class(
            "date",
            m,
            vec![],
            &[
                ("__init__", date_init),
                ("__repr__", any_repr),
                ("__str__", any_str),
                ("__format__", any_format),
                ("isoformat", any_isoformat),
                ("strftime", any_strftime),
                ("weekday", date_weekday),
                ("isoweekday", date_isoweekday),
                ("isocalendar", date_isocalendar),
                ("toordinal", date_toordinal),
                ("ctime", date_ctime),
                ("replace", any_replace),
                ("__add__", any_add),
                ("__radd__", any_add),
                ("__sub__", any_sub),
                ("__eq__", any_eq),
                ("__lt__", any_lt),
                ("__le__", any_le),
                ("__gt__", any_gt),
                ("__ge__", any_ge),
            ],
        );
        rc::properties(
            &date,
            &[("year", get_year), ("month", get_month), ("day", get_day)],
        );
        rc::class_methods(
            &date,
            &[
                ("today", date_today),
                ("fromtimestamp", date_fromtimestamp),
                ("fromordinal", any_fromordinal),
                ("fromisoformat", any_fromisoformat),
            ],
        );
        let datetime = rc::class(
            "datetime",
            m,
            vec![date.clone()],
            &[
                ("__init__", datetime_init),
                ("date", dt_date),
                ("time", dt_time),
                ("timetz", dt_timetz),
                ("timestamp", dt_timestamp),
                ("utcoffset", any_utcoffset),
                ("tzname", any_tzname),
                ("dst", any_dst),
                ("astimezone", dt_astimezone),
            ],
        );
        rc::properties(
            &datetime,
            &[
                ("hour", get_hour),
                ("minute", get_minute),
                ("second", get_second),
                ("microsecond", get_microsecond),
                ("tzinfo", get_tzinfo),
                ("fold", get_fold),
            ],
        );
        rc::class_methods(
            &datetime,
            &[
                ("now", dt_now),
                ("today", dt_today),
                ("utcnow", dt_utcnow),
                ("fromtimestamp", dt_fromtimestamp),
                ("utcfromtimestamp", dt_utcfromtimestamp),
                ("combine", dt_combine),
                ("strptime", dt_strptime),
            ],
        );
        let time = rc::class(
            "time",
            m,
            vec![],
            &[
                ("__init__", time_init),
                ("__repr__", any_repr),
                ("__str__", any_str),
                ("__format__", any_format),
                ("isoformat", any_isoformat),
                ("strftime", any_strftime),
                ("replace", any_replace),
                ("utcoffset", any_utcoffset),
                ("tzname", any_tzname),
                ("dst", any_dst),
                ("__eq__", any_eq),
                ("__lt__", any_lt),
                ("__le__", any_le),
                ("__gt__", any_gt),
                ("__ge__", any_ge),
            ],
        );
        rc::properties(
            &time,
            &[
                ("hour", get_hour),
                ("minute", get_minute),
                ("second", get_second),
                ("microsecond", get_microsecond),
                ("tzinfo", get_tzinfo),
                ("fold", get_fold),
            ],
        );
        rc::class_methods(&time, &[("fromisoformat", any_fromisoformat)]);
        let timedelta = rc::class(
            "timedelta",
            m,
            vec![],
            &[
                ("__init__", td_init),
                ("__repr__", any_repr),
                ("__str__", any_str),
                ("total_seconds", td_total_seconds),
                ("__add__", any_add),
                ("__radd__", any_add),
                ("__sub__", any_sub),
                ("__rsub__", td_rsub),
                ("__mul__", td_mul),
                ("__rmul__", td_mul),
                ("__truediv__", td_truediv),
                ("__floordiv__", td_floordiv),
                ("__mod__", td_mod),
                ("__divmod__", td_divmod),
                ("__neg__", td_neg),
                ("__pos__", td_pos),
                ("__abs__", td_abs),
                ("__bool__", td_bool),
                ("__eq__", any_eq),
                ("__lt__", any_lt),
                ("__le__", any_le),
                ("__gt__", any_gt),
                ("__ge__", any_ge),
            ],
        );
        rc::properties(
            &timedelta,
            &[
                ("days", td_days),
                ("seconds", td_seconds),
                ("microseconds", td_microseconds),
            ],
        );
        let tzinfo = rc::class("tzinfo", m, vec![], &[]);
        let timezone = rc::class(
            "timezone",
            m,
            vec![tzinfo.clone()],
            &[
                ("__init__", tz_init),
                ("__repr__", any_repr),
                ("__str__", any_str),
                ("utcoffset", tz_utcoffset),
                ("tzname", tz_tzname),
                ("dst", tz_dst),
                ("__eq__", any_eq),
            ],
        );
        let classes = Classes {
            date,
            datetime,
            time,
            timedelta,
            tzinfo,
            timezone,
        };
        classes.add_constants();
        classes
    }

    fn add_constants(&self) {
        let set = |c: &Rc<Class>, name: &str, v: Val| {
            c.attrs.borrow_mut().insert(Rc::from(name), make(c, v));
        };
        let max_delta = Delta {
            days: MAX_DAYS,
            secs: 86_399,
            us: 999_999,
        };
        set(
            &self.timedelta,
            "min",
            Val::Delta(Delta {
                days: -MAX_DAYS,
                secs: 0,
                us: 0,
            }),
        );
        set(&self.timedelta, "max", Val::Delta(max_delta));
        set(
            &self.timedelta,
            "resolution",
            Val::Delta(Delta {
                days: 0,
                secs: 0,
                us: 1,
            }),
        );
        let last = Civil {
            y: 9999,
            m: 12,
            d: 31,
            h: 23,
            mi: 59,
            s: 59,
            us: 999_999,
        };
        set(&self.date, "min", Val::Date(Civil::date(1, 1, 1)));
        set(&self.date, "max", Val::Date(Civil::date(9999, 12, 31)));
        set(
            &self.datetime,
            "min",
            Val::DateTime(Civil::date(1, 1, 1), None),
        );
        set(&self.datetime, "max", Val::DateTime(last, None));
        set(&self.time, "min", Val::Time(Civil::date(1900, 1, 1), None));
        set(&self.time, "max", Val::Time(last, None));
        set(&self.timezone, "utc", Val::Zone(Zone::utc()));
        // The resolutions are timedeltas, whatever class holds them.
        let fix = |owner: &Rc<Class>, name: &str, v: Val| {
            owner
                .attrs
                .borrow_mut()
                .insert(Rc::from(name), make(&self.timedelta, v));
        };
        fix(
            &self.date,
            "resolution",
            Val::Delta(Delta {
                days: 1,
                secs: 0,
                us: 0,
            }),
        );
        let micro = Val::Delta(Delta {
            days: 0,
            secs: 0,
            us: 1,
        });
        fix(&self.datetime, "resolution", micro.clone());
        fix(&self.time, "resolution", micro);
    }
}

// =============================================================================== arguments

fn int_field(v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(_) => Err(PyErr::type_error(
            "'float' object cannot be interpreted as an integer",
        )),
        other => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::object::type_name(other)
        ))),
    }
}

fn check_date(y: i64, m: i64, d: i64) -> PyResult<Civil> {
    if !(1..=9999).contains(&y) {
        return Err(PyErr::value_error(format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(PyErr::value_error("month must be in 1..12"));
    }
    if d < 1 || d > days_in_month(y, m as u32) as i64 {
        return Err(PyErr::value_error("day is out of range for month"));
    }
    Ok(Civil::date(y, m as u32, d as u32))
}

fn check_time(c: &mut Civil, h: i64, mi: i64, s: i64, us: i64) -> PyResult<()> {
    if !(0..=23).contains(&h) {
        return Err(PyErr::value_error("hour must be in 0..23"));
    }
    if !(0..=59).contains(&mi) {
        return Err(PyErr::value_error("minute must be in 0..59"));
    }
    if !(0..=59).contains(&s) {
        return Err(PyErr::value_error("second must be in 0..59"));
    }
    if !(0..=999_999).contains(&us) {
        return Err(PyErr::value_error("microsecond must be in 0..999999"));
    }
    c.h = h as u32;
    c.mi = mi as u32;
    c.s = s as u32;
    c.us = us as u32;
    Ok(())
}

fn tz_arg(v: Option<&Value>) -> PyResult<Option<Zone>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match val_of(v) {
            Some(Val::Zone(z)) => Ok(Some(z)),
            _ => Err(PyErr::type_error(format!(
                "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                crate::object::type_name(v)
            ))),
        },
    }
}

/// Binds the arguments of a constructor, with CPython's "missing" message.
fn required(p: &[Option<Value>], names: &[&str], n: usize) -> PyResult<Vec<i64>> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        match &p[i] {
            Some(v) => out.push(int_field(v)?),
            None => {
                // CPython's argument parser names no function here.
                return Err(PyErr::type_error(format!(
                    "function missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )));
            }
        }
    }
    Ok(out)
}

fn optional_int(p: &Option<Value>) -> PyResult<i64> {
    match p {
        Some(v) => int_field(v),
        None => Ok(0),
    }
}

fn this(args: &Args) -> PyResult<(Rc<Instance>, Val)> {
    match args.pos.first() {
        Some(v @ Value::Instance(i)) => match val_of(v) {
            Some(val) => Ok((i.clone(), val)),
            None => Err(PyErr::type_error(format!(
                "descriptor requires a 'datetime' object but received a '{}'",
                i.class.name
            ))),
        },
        Some(other) => Err(PyErr::type_error(format!(
            "descriptor requires a 'datetime' object but received a '{}'",
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error("descriptor needs an argument")),
    }
}

fn receiver_instance(args: &Args) -> PyResult<Rc<Instance>> {
    match args.pos.first() {
        Some(Value::Instance(i)) => Ok(i.clone()),
        _ => Err(PyErr::type_error("descriptor needs an instance")),
    }
}

// =============================================================================== constructors

fn date_init(_vm: &Vm, args: Args) -> PyResult<Value> {
    let i = receiver_instance(&args)?;
    let names = ["year", "month", "day"];
    let p = params(rest(args), "date", &names)?;
    let v = required(&p, &names, 3)?;
    let c = check_date(v[0], v[1], v[2])?;
    rc::set_state(&i, Value::Native(Rc::new(DtNative(Val::Date(c)))));
    Ok(Value::None)
}

fn datetime_init(_vm: &Vm, mut args: Args) -> PyResult<Value> {
    let i = receiver_instance(&args)?;
    let _fold = args.take_kw("fold");
    let names = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "microsecond",
        "tzinfo",
    ];
    let p = params(rest(args), "datetime", &names)?;
    let v = required(&p, &names, 3)?;
    let mut c = check_date(v[0], v[1], v[2])?;
    check_time(
        &mut c,
        optional_int(&p[3])?,
        optional_int(&p[4])?,
        optional_int(&p[5])?,
        optional_int(&p[6])?,
    )?;
    let tz = tz_arg(p[7].as_ref())?;
    rc::set_state(&i, Value::Native(Rc::new(DtNative(Val::DateTime(c, tz)))));
    Ok(Value::None)
}

fn time_init(_vm: &Vm, mut args: Args) -> PyResult<Value> {
    let i = receiver_instance(&args)?;
    let _fold = args.take_kw("fold");
    let names = ["hour", "minute", "second", "microsecond", "tzinfo"];
    let p = params(rest(args), "time", &names)?;
    let mut c = Civil::date(1900, 1, 1);
    check_time(
        &mut c,
        optional_int(&p[0])?,
        optional_int(&p[1])?,
        optional_int(&p[2])?,
        optional_int(&p[3])?,
    )?;
    let tz = tz_arg(p[4].as_ref())?;
    rc::set_state(&i, Value::Native(Rc::new(DtNative(Val::Time(c, tz)))));
    Ok(Value::None)
}

/// `accum()` of CPython's `delta_new`: adds `num * factor` µs exactly for ints, keeping the
/// fraction of a float's product in `leftover`.
fn accum(name: &str, sofar: i128, num: &Value, factor: i128, leftover: &mut f64) -> PyResult<i128> {
    let overflow = || PyErr::overflow("Python int too large to convert to C int");
    match num {
        Value::Int(_) | Value::Bool(_) => {
            let n = num.as_int_like().unwrap_or(0) as i128;
            n.checked_mul(factor)
                .and_then(|p| sofar.checked_add(p))
                .ok_or_else(overflow)
        }
        Value::Float(x) => {
            if !x.is_finite() {
                return Err(if x.is_nan() {
                    PyErr::value_error("cannot convert float NaN to integer")
                } else {
                    PyErr::overflow("cannot convert float infinity to integer")
                });
            }
            let (intpart, fracpart) = (x.trunc(), x.fract());
            if intpart.abs() > 1e20 {
                return Err(overflow());
            }
            let sum = sofar + intpart as i128 * factor;
            if fracpart == 0.0 {
                return Ok(sum);
            }
            let d = factor as f64 * fracpart;
            let (ip, fp) = (d.trunc(), d.fract());
            *leftover += fp;
            Ok(sum + ip as i128)
        }
        other => Err(PyErr::type_error(format!(
            "unsupported type for timedelta {name} component: {}",
            crate::object::type_name(other)
        ))),
    }
}

/// Rounds half to even, as `round()` does.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

fn td_init(_vm: &Vm, args: Args) -> PyResult<Value> {
    let i = receiver_instance(&args)?;
    let names = [
        "days",
        "seconds",
        "microseconds",
        "milliseconds",
        "minutes",
        "hours",
        "weeks",
    ];
    let p = params(rest(args), "timedelta", &names)?;
    // CPython adds the components smallest first.
    let order: [(usize, i128); 7] = [
        (2, 1),
        (3, 1_000),
        (1, 1_000_000),
        (4, 60_000_000),
        (5, 3_600_000_000),
        (0, US_PER_DAY),
        (6, 7 * US_PER_DAY),
    ];
    let mut x: i128 = 0;
    let mut leftover = 0.0f64;
    for (idx, factor) in order {
        if let Some(v) = &p[idx] {
            x = accum(names[idx], x, v, factor, &mut leftover)?;
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = (x & 1) as f64;
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        x += whole as i128;
    }
    let d = Delta::from_us(x)?;
    rc::set_state(&i, Value::Native(Rc::new(DtNative(Val::Delta(d)))));
    Ok(Value::None)
}

fn tz_init(vm: &Vm, args: Args) -> PyResult<Value> {
    let i = receiver_instance(&args)?;
    let p = params(rest(args), "timezone", &["offset", "name"])?;
    let Some(off) = p[0].clone() else {
        return Err(PyErr::type_error(
            "timezone() missing required argument 'offset' (pos 1)",
        ));
    };
    let offset = match val_of(&off) {
        Some(Val::Delta(d)) => d,
        _ => {
            return Err(PyErr::type_error(format!(
                "timezone() argument 1 must be datetime.timedelta, not {}",
                crate::object::type_name(&off)
            )))
        }
    };
    let us = offset.total_us();
    if us <= -US_PER_DAY || us >= US_PER_DAY {
        return Err(PyErr::value_error(format!(
            "offset must be a timedelta strictly between -timedelta(hours=24) and \
             timedelta(hours=24), not {}.",
            text::repr(vm, &off)?
        )));
    }
    let name = match &p[1] {
        None => None,
        Some(Value::Str(s)) => Some(s.clone()),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "timezone() argument 2 must be str, not {}",
                crate::object::type_name(other)
            )))
        }
    };
    rc::set_state(
        &i,
        Value::Native(Rc::new(DtNative(Val::Zone(Zone { offset, name })))),
    );
    Ok(Value::None)
}

// =============================================================================== clock

/// A POSIX timestamp as whole seconds and microseconds, rounded half to even as CPython's
/// `_PyTime_ObjectToTimeval` does.
fn split_timestamp(t: f64) -> PyResult<(i64, i64)> {
    if !t.is_finite() {
        return Err(PyErr::value_error(if t.is_nan() {
            "Invalid value NaN (not a number)"
        } else {
            "cannot convert float infinity to integer"
        }));
    }
    let mut intpart = t.trunc();
    let mut frac = round_half_even(t.fract() * 1e6);
    if frac >= 1e6 {
        frac -= 1e6;
        intpart += 1.0;
    } else if frac < 0.0 {
        frac += 1e6;
        intpart -= 1.0;
    }
    if intpart.abs() > 1e14 {
        return Err(PyErr::overflow(
            "timestamp out of range for platform time_t",
        ));
    }
    Ok((intpart as i64, frac as i64))
}

/// The UTC civil time of a timestamp.
fn civil_from_timestamp(t: f64) -> PyResult<Civil> {
    let (secs, us) = split_timestamp(t)?;
    let epoch = (ymd_to_ord(1970, 1, 1) as i128 - 1) * US_PER_DAY;
    Civil::from_total_us(epoch + secs as i128 * 1_000_000 + us as i128)
        .map_err(|_| PyErr::value_error("year is out of range"))
}

fn timestamp_of(c: &Civil) -> f64 {
    let epoch = (ymd_to_ord(1970, 1, 1) as i128 - 1) * US_PER_DAY;
    let us = c.total_us() - epoch;
    us as f64 / 1e6
}

fn now_timestamp(vm: &Vm) -> f64 {
    super::time::EPOCH_S + super::time::now_s(vm)
}

fn class_arg(args: &Args, default: Rc<Class>) -> Rc<Class> {
    match args.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => default,
    }
}

fn date_today(vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_date());
    let c = civil_from_timestamp(now_timestamp(vm))?;
    Ok(make_like(&class, c, None))
}

/// An instance of `class` (a `date` or `datetime` class) for this civil time.
fn make_like(class: &Rc<Class>, c: Civil, tz: Option<Zone>) -> Value {
    if class.is_subclass(&cls_datetime()) {
        make(class, Val::DateTime(c, tz))
    } else {
        make(class, Val::Date(Civil::date(c.y, c.m, c.d)))
    }
}

fn date_fromtimestamp(_vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_date());
    let p = params(rest(args), "fromtimestamp", &["timestamp"])?;
    let t = timestamp_arg(p[0].as_ref())?;
    Ok(make_like(&class, civil_from_timestamp(t)?, None))
}

fn timestamp_arg(v: Option<&Value>) -> PyResult<f64> {
    match v {
        Some(v) => v.as_f64().ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::object::type_name(v)
            ))
        }),
        None => Err(PyErr::type_error(
            "fromtimestamp() missing required argument 'timestamp' (pos 1)",
        )),
    }
}

/// UTC civil time shifted into `tz`.
fn in_zone(c: Civil, tz: &Zone) -> PyResult<Civil> {
    Civil::from_total_us(c.total_us() + tz.offset_us())
}

fn dt_now(vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_datetime());
    let p = params(rest(args), "now", &["tz"])?;
    let tz = tz_arg(p[0].as_ref())?;
    let utc = civil_from_timestamp(now_timestamp(vm))?;
    Ok(match tz {
        Some(z) => make(&class, Val::DateTime(in_zone(utc, &z)?, Some(z))),
        None => make(&class, Val::DateTime(utc, None)),
    })
}

fn dt_today(vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_datetime());
    if args.pos.len() > 1 || !args.kw.is_empty() {
        return Err(PyErr::type_error("today() takes no arguments"));
    }
    let utc = civil_from_timestamp(now_timestamp(vm))?;
    Ok(make(&class, Val::DateTime(utc, None)))
}

fn dt_utcnow(vm: &Vm, args: Args) -> PyResult<Value> {
    dt_today(vm, args)
}

fn dt_fromtimestamp(_vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_datetime());
    let p = params(rest(args), "fromtimestamp", &["timestamp", "tz"])?;
    let t = timestamp_arg(p[0].as_ref())?;
    let tz = tz_arg(p[1].as_ref())?;
    let utc = civil_from_timestamp(t)?;
    Ok(match tz {
        Some(z) => make(&class, Val::DateTime(in_zone(utc, &z)?, Some(z))),
        None => make(&class, Val::DateTime(utc, None)),
    })
}

fn dt_utcfromtimestamp(_vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_datetime());
    let p = params(rest(args), "utcfromtimestamp", &["timestamp"])?;
    let t = timestamp_arg(p[0].as_ref())?;
    Ok(make(&class, Val::DateTime(civil_from_timestamp(t)?, None)))
}

fn dt_combine(_vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_datetime());
    let p = params(rest(args), "combine", &["date", "time", "tzinfo"])?;
    let d = match p[0].as_ref().and_then(val_of) {
        Some(Val::Date(c)) | Some(Val::DateTime(c, _)) => c,
        _ => {
            return Err(PyErr::type_error(
                "combine() argument 1 must be datetime.date",
            ))
        }
    };
    let (t, tz) = match p[1].as_ref().and_then(val_of) {
        Some(Val::Time(t, tz)) => (t, tz),
        _ => {
            return Err(PyErr::type_error(
                "combine() argument 2 must be datetime.time",
            ))
        }
    };
    let tz = if p[2].is_some() {
        tz_arg(p[2].as_ref())?
    } else {
        tz
    };
    let c = Civil {
        h: t.h,
        mi: t.mi,
        s: t.s,
        us: t.us,
        ..Civil::date(d.y, d.m, d.d)
    };
    Ok(make(&class, Val::DateTime(c, tz)))
}

fn any_fromordinal(_vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_date());
    let p = params(rest(args), "fromordinal", &["ordinal"])?;
    let n = match &p[0] {
        Some(v) => int_field(v)?,
        None => {
            return Err(PyErr::type_error(
                "fromordinal() takes exactly one argument (0 given)",
            ))
        }
    };
    if n < 1 {
        return Err(PyErr::value_error("ordinal must be >= 1"));
    }
    if n > MAX_ORDINAL {
        return Err(PyErr::value_error(format!(
            "year {} is out of range",
            ord_to_ymd(n).0
        )));
    }
    let (y, m, d) = ord_to_ymd(n);
    Ok(make_like(&class, Civil::date(y, m, d), None))
}

// =============================================================================== isoformat

fn parse_digits(s: &[u8], n: usize) -> Option<i64> {
    if s.len() < n || !s[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        s[..n]
            .iter()
            .fold(0i64, |acc, b| acc * 10 + (b - b'0') as i64),
    )
}

fn parse_iso_date(s: &str) -> Option<(i64, i64, i64)> {
    let b = s.as_bytes();
    match b.len() {
        10 if b[4] == b'-' && b[7] == b'-' => Some((
            parse_digits(b, 4)?,
            parse_digits(&b[5..], 2)?,
            parse_digits(&b[8..], 2)?,
        )),
        8 => Some((
            parse_digits(b, 4)?,
            parse_digits(&b[4..], 2)?,
            parse_digits(&b[6..], 2)?,
        )),
        _ => None,
    }
}

/// `HH[:MM[:SS[.ffffff]]][+HH:MM]` → time fields and zone.
fn parse_iso_time(s: &str) -> Option<(i64, i64, i64, i64, Option<Zone>)> {
    let (clock, zone) = match s.find(['+', '-', 'Z']) {
        Some(i) => (&s[..i], Some(&s[i..])),
        None => (s, None),
    };
    let b = clock.as_bytes();
    let h = parse_digits(b, 2)?;
    let mut rest = &b[2..];
    let mut parts = [0i64; 2];
    for p in parts.iter_mut() {
        if rest.is_empty() {
            break;
        }
        if rest[0] == b':' {
            rest = &rest[1..];
        }
        *p = parse_digits(rest, 2)?;
        rest = &rest[2..];
    }
    let mut us = 0;
    if !rest.is_empty() {
        if rest[0] != b'.' && rest[0] != b',' {
            return None;
        }
        let digits = &rest[1..];
        if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let take = digits.len().min(6);
        us = parse_digits(digits, take)?;
        for _ in take..6 {
            us *= 10;
        }
    }
    let zone = match zone {
        None => None,
        Some("Z") => Some(Zone::utc()),
        Some(z) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let (zh, zm, zs, _, _) = parse_iso_time(&z[1..])?;
            let us = sign * (((zh * 60 + zm) * 60 + zs) as i128) * 1_000_000;
            Some(Zone {
                offset: Delta::from_us(us).ok()?,
                name: None,
            })
        }
    };
    Some((h, parts[0], parts[1], us, zone))
}

fn any_fromisoformat(vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_date());
    let p = params(rest(args), "fromisoformat", &["date_string"])?;
    let s = match &p[0] {
        Some(Value::Str(s)) => s.clone(),
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "fromisoformat: argument must be str, not {}",
                crate::object::type_name(other)
            )))
        }
        None => {
            return Err(PyErr::type_error(
                "fromisoformat() takes exactly one argument",
            ))
        }
    };
    let invalid = || -> PyResult<PyErr> {
        Ok(PyErr::value_error(format!(
            "Invalid isoformat string: {}",
            text::repr(vm, &Value::Str(s.clone()))?
        )))
    };
    if class.is_subclass(&cls_time()) {
        let Some((h, mi, sec, us, tz)) = parse_iso_time(&s) else {
            return Err(invalid()?);
        };
        let mut c = Civil::date(1900, 1, 1);
        check_time(&mut c, h, mi, sec, us)?;
        return Ok(make(&class, Val::Time(c, tz)));
    }
    let is_datetime = class.is_subclass(&cls_datetime());
    // The date, then any one character, then the time.
    let (date_part, time_part) = match s.char_indices().nth(10) {
        Some((at, sep)) if is_datetime => (&s[..at], Some(&s[at + sep.len_utf8()..])),
        _ => (&s[..], None),
    };
    let Some((y, m, d)) = parse_iso_date(date_part) else {
        return Err(invalid()?);
    };
    let mut c = check_date(y, m, d)?;
    if !is_datetime {
        return Ok(make(&class, Val::Date(c)));
    }
    let mut tz = None;
    if let Some(t) = time_part {
        let Some((h, mi, sec, us, z)) = parse_iso_time(t) else {
            return Err(invalid()?);
        };
        check_time(&mut c, h, mi, sec, us)?;
        tz = z;
    }
    Ok(make(&class, Val::DateTime(c, tz)))
}

fn time_text(c: &Civil, timespec: &str) -> PyResult<String> {
    let spec = if timespec == "auto" {
        if c.us != 0 {
            "microseconds"
        } else {
            "seconds"
        }
    } else {
        timespec
    };
    Ok(match spec {
        "hours" => format!("{:02}", c.h),
        "minutes" => format!("{:02}:{:02}", c.h, c.mi),
        "seconds" => format!("{:02}:{:02}:{:02}", c.h, c.mi, c.s),
        "milliseconds" => format!("{:02}:{:02}:{:02}.{:03}", c.h, c.mi, c.s, c.us / 1000),
        "microseconds" => format!("{:02}:{:02}:{:02}.{:06}", c.h, c.mi, c.s, c.us),
        _ => return Err(PyErr::value_error("Unknown timespec value")),
    })
}

fn date_text(c: &Civil) -> String {
    format!("{:04}-{:02}-{:02}", c.y, c.m, c.d)
}

fn zone_suffix(tz: &Option<Zone>) -> String {
    match tz {
        Some(z) => offset_text(z.offset_us(), ":"),
        None => String::new(),
    }
}

fn isoformat(v: &Val, sep: &str, timespec: &str) -> PyResult<String> {
    Ok(match v {
        Val::Date(c) => date_text(c),
        Val::DateTime(c, tz) => format!(
            "{}{sep}{}{}",
            date_text(c),
            time_text(c, timespec)?,
            zone_suffix(tz)
        ),
        Val::Time(c, tz) => format!("{}{}", time_text(c, timespec)?, zone_suffix(tz)),
        Val::Delta(d) => delta_str(d),
        Val::Zone(z) => z.tzname(),
    })
}

fn delta_str(d: &Delta) -> String {
    let (hh, mm, ss) = (d.secs / 3600, d.secs / 60 % 60, d.secs % 60);
    let mut s = format!("{hh}:{mm:02}:{ss:02}");
    if d.days != 0 {
        let plural = if d.days.abs() != 1 { "s" } else { "" };
        s = format!("{} day{plural}, {s}", d.days);
    }
    if d.us != 0 {
        s.push_str(&format!(".{:06}", d.us));
    }
    s
}

fn any_isoformat(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    let names: &[&str] = match v {
        Val::DateTime(..) => &["sep", "timespec"],
        Val::Time(..) => &["timespec"],
        _ => &[],
    };
    let p = params(rest(args), "isoformat", names)?;
    let get = |name: &str, default: &str| -> PyResult<String> {
        match names
            .iter()
            .position(|n| *n == name)
            .and_then(|i| p[i].clone())
        {
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(other) => Err(PyErr::type_error(format!(
                "isoformat() argument must be str, not {}",
                crate::object::type_name(&other)
            ))),
            None => Ok(default.to_string()),
        }
    };
    let sep = get("sep", "T")?;
    if matches!(v, Val::DateTime(..)) && sep.chars().count() != 1 {
        return Err(PyErr::type_error(
            "isoformat() argument 1 must be a unicode character, not str",
        ));
    }
    Ok(Value::from(isoformat(&v, &sep, &get("timespec", "auto")?)?))
}

fn any_str(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    Ok(Value::from(isoformat(&v, " ", "auto")?))
}

/// The name a repr shows: `datetime.date` for the module's own classes.
fn repr_name(i: &Instance) -> String {
    if &*i.class.module == "datetime" {
        format!("datetime.{}", i.class.name)
    } else {
        i.class.name.to_string()
    }
}

fn delta_repr(d: &Delta) -> String {
    let mut parts = Vec::new();
    if d.days != 0 {
        parts.push(format!("days={}", d.days));
    }
    if d.secs != 0 {
        parts.push(format!("seconds={}", d.secs));
    }
    if d.us != 0 {
        parts.push(format!("microseconds={}", d.us));
    }
    if parts.is_empty() {
        "0".into()
    } else {
        parts.join(", ")
    }
}

fn zone_repr(z: &Zone) -> String {
    if z.offset_us() == 0 && z.name.is_none() {
        return "datetime.timezone.utc".into();
    }
    let off = format!("datetime.timedelta({})", delta_repr(&z.offset));
    match &z.name {
        Some(n) => format!("datetime.timezone({off}, {})", crate::text::str_repr(n)),
        None => format!("datetime.timezone({off})"),
    }
}

fn clock_repr(c: &Civil) -> String {
    let mut s = format!("{}, {}", c.h, c.mi);
    if c.s != 0 || c.us != 0 {
        s.push_str(&format!(", {}", c.s));
    }
    if c.us != 0 {
        s.push_str(&format!(", {}", c.us));
    }
    s
}

fn any_repr(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, v) = this(&args)?;
    let name = repr_name(&i);
    let tz_part = |tz: &Option<Zone>| match tz {
        Some(z) => format!(", tzinfo={}", zone_repr(z)),
        None => String::new(),
    };
    Ok(Value::from(match &v {
        Val::Date(c) => format!("{name}({}, {}, {})", c.y, c.m, c.d),
        Val::DateTime(c, tz) => format!(
            "{name}({}, {}, {}, {}{})",
            c.y,
            c.m,
            c.d,
            clock_repr(c),
            tz_part(tz)
        ),
        Val::Time(c, tz) => format!("{name}({}{})", clock_repr(c), tz_part(tz)),
        Val::Delta(d) => format!("{name}({})", delta_repr(d)),
        Val::Zone(z) => {
            if &*i.class.module == "datetime" {
                zone_repr(z)
            } else {
                format!("{name}()")
            }
        }
    }))
}

// =============================================================================== strftime

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

/// `strftime` as CPython does it on Linux: `%f`, `%z` and `%Z` by CPython itself, the rest as
/// glibc formats them in the C locale (flags `-`, `_`, `0`, `^` and widths included).
fn strftime(c: &Civil, tz: Option<&Zone>, aware: bool, fmt: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let wd = weekday(c.y, c.m, c.d) as usize;
    let yday = (ymd_to_ord(c.y, c.m, c.d) - ymd_to_ord(c.y, 1, 1) + 1) as u32;
    let sunday_wd = (wd + 1) % 7;
    while i < chars.len() {
        let ch = chars[i];
        if ch != '%' {
            out.push(ch);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut flag = None;
        while i < chars.len() && matches!(chars[i], '-' | '_' | '0' | '^' | '#') {
            flag = Some(chars[i]);
            i += 1;
        }
        let mut width: Option<usize> = None;
        while i < chars.len() && chars[i].is_ascii_digit() {
            // glibc's widths are small in practice; a huge one is clamped, not allocated.
            let digit = chars[i].to_digit(10).unwrap_or(0) as usize;
            width = Some((width.unwrap_or(0) * 10 + digit).min(1024));
            i += 1;
        }
        while i < chars.len() && matches!(chars[i], 'E' | 'O') {
            i += 1;
        }
        let Some(&d) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        // Numbers: (value, default width, default pad).
        let num = |v: i64, w: usize, pad: char| -> String {
            let (w, pad) = match flag {
                Some('-') => (0, ' '),
                Some('_') => (width.unwrap_or(w), ' '),
                Some('0') => (width.unwrap_or(w), '0'),
                _ => (width.unwrap_or(w), pad),
            };
            let s = v.abs().to_string();
            let sign = if v < 0 { "-" } else { "" };
            let fill = w.saturating_sub(s.len() + sign.len());
            if pad == '0' {
                format!("{sign}{}{s}", "0".repeat(fill))
            } else {
                format!("{}{sign}{s}", " ".repeat(fill))
            }
        };
        let textual = |s: String| -> String {
            let s = if flag == Some('^') {
                s.to_uppercase()
            } else {
                s
            };
            match width {
                Some(w) if w > s.chars().count() => {
                    let pad = if flag == Some('0') { '0' } else { ' ' };
                    let fill: String = std::iter::repeat_n(pad, w - s.chars().count()).collect();
                    format!("{fill}{s}")
                }
                _ => s,
            }
        };
        let h12 = (c.h + 11) % 12 + 1;
        let (iso_y, iso_w, iso_d) = iso_calendar(c.y, c.m, c.d);
        let piece = match d {
            'a' => textual(DAYS[wd][..3].to_string()),
            'A' => textual(DAYS[wd].to_string()),
            'b' | 'h' => textual(MONTHS[c.m as usize - 1][..3].to_string()),
            'B' => textual(MONTHS[c.m as usize - 1].to_string()),
            'c' => textual(format!(
                "{} {} {:>2} {:02}:{:02}:{:02} {}",
                &DAYS[wd][..3],
                &MONTHS[c.m as usize - 1][..3],
                c.d,
                c.h,
                c.mi,
                c.s,
                c.y
            )),
            'C' => num(c.y.div_euclid(100), 2, '0'),
            'd' => num(c.d as i64, 2, '0'),
            'D' => textual(format!("{:02}/{:02}/{:02}", c.m, c.d, c.y.rem_euclid(100))),
            'e' => num(c.d as i64, 2, ' '),
            'F' => textual(format!("{}-{:02}-{:02}", c.y, c.m, c.d)),
            'f' => format!("{:06}", c.us),
            'G' => num(iso_y, 1, '0'),
            'g' => num(iso_y.rem_euclid(100), 2, '0'),
            'H' => num(c.h as i64, 2, '0'),
            'I' => num(h12 as i64, 2, '0'),
            'j' => num(yday as i64, 3, '0'),
            'k' => num(c.h as i64, 2, ' '),
            'l' => num(h12 as i64, 2, ' '),
            'm' => num(c.m as i64, 2, '0'),
            'M' => num(c.mi as i64, 2, '0'),
            'n' => "\n".into(),
            'p' => textual(if c.h < 12 { "AM" } else { "PM" }.into()),
            'P' => textual(if c.h < 12 { "am" } else { "pm" }.into()),
            'r' => textual(format!(
                "{:02}:{:02}:{:02} {}",
                h12,
                c.mi,
                c.s,
                if c.h < 12 { "AM" } else { "PM" }
            )),
            'R' => textual(format!("{:02}:{:02}", c.h, c.mi)),
            's' => {
                let local = Civil::from_total_us(c.total_us() - tz.map_or(0, |z| z.offset_us()))
                    .unwrap_or(*c);
                num(timestamp_of(&local).floor() as i64, 1, '0')
            }
            'S' => num(c.s as i64, 2, '0'),
            't' => "\t".into(),
            'T' => textual(format!("{:02}:{:02}:{:02}", c.h, c.mi, c.s)),
            'u' => num(iso_d as i64, 1, '0'),
            'U' => num(((yday as i64 - 1) - sunday_wd as i64 + 7) / 7, 2, '0'),
            'V' => num(iso_w as i64, 2, '0'),
            'w' => num(sunday_wd as i64, 1, '0'),
            'W' => num(
                ((yday as i64 - 1) - ((sunday_wd as i64 + 6) % 7) + 7) / 7,
                2,
                '0',
            ),
            'x' => textual(format!("{:02}/{:02}/{:02}", c.m, c.d, c.y.rem_euclid(100))),
            'X' => textual(format!("{:02}:{:02}:{:02}", c.h, c.mi, c.s)),
            'y' => num(c.y.rem_euclid(100), 2, '0'),
            'Y' => num(c.y, 1, '0'),
            'z' => match tz {
                Some(z) if aware => offset_text(z.offset_us(), ""),
                _ => String::new(),
            },
            'Z' => match tz {
                Some(z) if aware => z.tzname(),
                _ => String::new(),
            },
            '%' => "%".into(),
            _ => chars[start..i].iter().collect(),
        };
        out.push_str(&piece);
    }
    out
}

fn strftime_of(v: &Val, fmt: &str) -> String {
    match v {
        Val::Date(c) => strftime(c, None, false, fmt),
        Val::DateTime(c, tz) => strftime(c, tz.as_ref(), tz.is_some(), fmt),
        Val::Time(c, tz) => strftime(
            &Civil {
                y: 1900,
                m: 1,
                d: 1,
                ..*c
            },
            tz.as_ref(),
            tz.is_some(),
            fmt,
        ),
        Val::Delta(d) => delta_str(d),
        Val::Zone(z) => z.tzname(),
    }
}

fn any_strftime(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    let p = params(rest(args), "strftime", &["format"])?;
    match &p[0] {
        Some(Value::Str(f)) => Ok(Value::from(strftime_of(&v, f))),
        Some(other) => Err(PyErr::type_error(format!(
            "strftime() argument 1 must be str, not {}",
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error(
            "strftime() missing required argument 'format' (pos 1)",
        )),
    }
}

fn any_format(vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    match args.pos.get(1) {
        Some(Value::Str(f)) if f.is_empty() => any_str(vm, Args::new(vec![args.pos[0].clone()])),
        Some(Value::Str(f)) => Ok(Value::from(strftime_of(&v, f))),
        Some(other) => Err(PyErr::type_error(format!(
            "must be str, not {}",
            crate::object::type_name(other)
        ))),
        None => Err(PyErr::type_error("__format__ expects 1 argument")),
    }
}

// =============================================================================== strptime

fn dt_strptime(vm: &Vm, args: Args) -> PyResult<Value> {
    let class = class_arg(&args, cls_datetime());
    let args = rest(args);
    if args.pos.len() != 2 || !args.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "strptime() takes exactly 2 arguments ({} given)",
            args.pos.len() + args.kw.len()
        )));
    }
    let (Some(s), Some(f)) = (args.pos[0].as_str(), args.pos[1].as_str()) else {
        let bad = if args.pos[0].as_str().is_none() {
            &args.pos[0]
        } else {
            &args.pos[1]
        };
        return Err(PyErr::type_error(format!(
            "strptime() argument {} must be str, not {}",
            if args.pos[0].as_str().is_none() { 1 } else { 2 },
            crate::object::type_name(bad)
        )));
    };
    let mismatch = || -> PyResult<PyErr> {
        Ok(PyErr::value_error(format!(
            "time data {} does not match format {}",
            text::repr(vm, &args.pos[0])?,
            text::repr(vm, &args.pos[1])?
        )))
    };
    let parsed = match strptime(s, f) {
        Ok(p) => p,
        Err(Some(msg)) => return Err(PyErr::value_error(msg)),
        Err(None) => return Err(mismatch()?),
    };
    let mut c = check_date(parsed.year, parsed.month, parsed.day)?;
    check_time(&mut c, parsed.hour, parsed.minute, parsed.second, parsed.us)?;
    Ok(make(&class, Val::DateTime(c, parsed.zone)))
}

struct Parsed {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    us: i64,
    zone: Option<Zone>,
}

/// The alternatives of `_strptime`'s regexes for the numeric directives, tried in order.
fn numeric_choices(d: char) -> Option<(usize, usize)> {
    Some(match d {
        'Y' => (4, 4),
        'y' | 'd' | 'm' | 'H' | 'I' | 'M' | 'S' | 'U' | 'W' => (1, 2),
        'j' => (1, 3),
        'f' => (1, 6),
        'w' | 'u' => (1, 1),
        _ => return None,
    })
}

fn valid_number(d: char, v: i64, digits: usize) -> bool {
    match d {
        'd' => (1..=31).contains(&v) && !(digits == 2 && v < 10 && v == 0),
        'm' | 'I' => (1..=12).contains(&v),
        'H' => (0..=23).contains(&v),
        'M' => (0..=59).contains(&v),
        'S' => (0..=61).contains(&v),
        'j' => (1..=366).contains(&v),
        'w' => (0..=6).contains(&v),
        'u' => (1..=7).contains(&v),
        'U' | 'W' => (0..=53).contains(&v),
        _ => true,
    }
}

/// Parses `s` by `fmt`; `Err(None)`: no match; `Err(Some(msg))`: another `ValueError`.
fn strptime(s: &str, fmt: &str) -> Result<Parsed, Option<String>> {
    let s: Vec<char> = s.chars().collect();
    let f: Vec<char> = fmt.chars().collect();
    let mut p = Parsed {
        year: 1900,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        us: 0,
        zone: None,
    };
    let (mut si, mut fi) = (0usize, 0usize);
    let mut pm: Option<bool> = None;
    let mut hour12: Option<i64> = None;
    let mut yday: Option<i64> = None;
    while fi < f.len() {
        let fc = f[fi];
        if fc.is_whitespace() {
            // Whitespace in the format matches one or more whitespace characters.
            while fi < f.len() && f[fi].is_whitespace() {
                fi += 1;
            }
            if si >= s.len() || !s[si].is_whitespace() {
                return Err(None);
            }
            while si < s.len() && s[si].is_whitespace() {
                si += 1;
            }
            continue;
        }
        if fc != '%' {
            if si < s.len() && s[si].to_lowercase().eq(fc.to_lowercase()) {
                si += 1;
                fi += 1;
                continue;
            }
            return Err(None);
        }
        let Some(&d) = f.get(fi + 1) else {
            return Err(Some(format!("stray % in format '{fmt}'")));
        };
        fi += 2;
        if let Some((lo, hi)) = numeric_choices(d) {
            let avail = s[si..].iter().take_while(|c| c.is_ascii_digit()).count();
            let mut found = None;
            let mut n = hi.min(avail);
            while n >= lo {
                let v: i64 = s[si..si + n]
                    .iter()
                    .fold(0, |a, c| a * 10 + c.to_digit(10).unwrap_or(0) as i64);
                if valid_number(d, v, n) {
                    found = Some((v, n));
                    break;
                }
                n -= 1;
            }
            let Some((v, n)) = found else {
                return Err(None);
            };
            si += n;
            match d {
                'Y' => p.year = v,
                'y' => p.year = if v <= 68 { 2000 + v } else { 1900 + v },
                'm' => p.month = v,
                'd' => p.day = v,
                'H' => p.hour = v,
                'I' => hour12 = Some(v),
                'M' => p.minute = v,
                'S' => p.second = v.min(59),
                'f' => {
                    let mut us = v;
                    for _ in n..6 {
                        us *= 10;
                    }
                    p.us = us;
                }
                'j' => yday = Some(v),
                _ => {}
            }
            continue;
        }
        let rest: String = s[si..].iter().collect();
        let lower = rest.to_lowercase();
        let mut take_name = |names: &[&str], short: bool| -> Option<usize> {
            // Longest match first (full names before abbreviations).
            let mut best: Option<(usize, usize)> = None;
            for (k, name) in names.iter().enumerate() {
                let candidates: Vec<String> = if short {
                    vec![name[..3].to_lowercase()]
                } else {
                    vec![name.to_lowercase()]
                };
                for cand in candidates {
                    if lower.starts_with(&cand)
                        && best.is_none_or(|(_, len)| cand.chars().count() > len)
                    {
                        best = Some((k, cand.chars().count()));
                    }
                }
            }
            let (k, len) = best?;
            si += len;
            Some(k)
        };
        match d {
            'b' | 'h' => p.month = take_name(&MONTHS, true).ok_or(None)? as i64 + 1,
            'B' => p.month = take_name(&MONTHS, false).ok_or(None)? as i64 + 1,
            'a' => {
                take_name(&DAYS, true).ok_or(None)?;
            }
            'A' => {
                take_name(&DAYS, false).ok_or(None)?;
            }
            'p' => {
                if lower.starts_with("am") {
                    pm = Some(false);
                } else if lower.starts_with("pm") {
                    pm = Some(true);
                } else {
                    return Err(None);
                }
                si += 2;
            }
            'z' => {
                if lower.starts_with('z') {
                    p.zone = Some(Zone::utc());
                    si += 1;
                } else {
                    let sign = match s.get(si) {
                        Some('+') => 1,
                        Some('-') => -1,
                        _ => return Err(None),
                    };
                    let body: String = s[si + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit() || **c == ':')
                        .collect();
                    let digits: String = body.chars().filter(|c| *c != ':').collect();
                    if digits.len() < 4 {
                        return Err(None);
                    }
                    let hh: i64 = digits[..2].parse().map_err(|_| None)?;
                    let mm: i64 = digits[2..4].parse().map_err(|_| None)?;
                    let ss: i64 = digits.get(4..6).and_then(|x| x.parse().ok()).unwrap_or(0);
                    let consumed = if body.contains(':') {
                        body.chars()
                            .count()
                            .min(if digits.len() > 4 { 8 } else { 5 })
                    } else {
                        digits.len().min(6)
                    };
                    si += 1 + consumed;
                    let us = sign * ((hh * 60 + mm) * 60 + ss) as i128 * 1_000_000;
                    p.zone = Some(Zone {
                        offset: Delta::from_us(us).map_err(|_| None)?,
                        name: None,
                    });
                }
            }
            'Z' => {
                let name: String = s[si..].iter().take_while(|c| c.is_alphabetic()).collect();
                if !["utc", "gmt"].contains(&name.to_lowercase().as_str()) {
                    return Err(None);
                }
                si += name.chars().count();
            }
            '%' => {
                if s.get(si) != Some(&'%') {
                    return Err(None);
                }
                si += 1;
            }
            other => {
                return Err(Some(format!(
                    "'{other}' is a bad directive in format '{fmt}'"
                )))
            }
        }
    }
    if si < s.len() {
        let rest: String = s[si..].iter().collect();
        return Err(Some(format!("unconverted data remains: {rest}")));
    }
    if let Some(h) = hour12 {
        p.hour = match pm {
            Some(true) => h % 12 + 12,
            _ => h % 12,
        };
    }
    if let Some(j) = yday {
        let ord = ymd_to_ord(p.year, 1, 1) + j - 1;
        let (y, m, d) = ord_to_ymd(ord);
        p.year = y;
        p.month = m as i64;
        p.day = d as i64;
    }
    Ok(p)
}

// =============================================================================== accessors

fn civil_field(args: &Args, f: fn(&Civil) -> i64) -> PyResult<Value> {
    let (_, v) = this(args)?;
    match v {
        Val::Date(c) | Val::DateTime(c, _) | Val::Time(c, _) => Ok(Value::Int(f(&c))),
        _ => Err(PyErr::type_error("not a date or time")),
    }
}

fn get_year(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |c| c.y)
}
fn get_month(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |c| c.m as i64)
}
fn get_day(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |c| c.d as i64)
}
fn get_hour(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |c| c.h as i64)
}
fn get_minute(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |c| c.mi as i64)
}
fn get_second(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |c| c.s as i64)
}
fn get_microsecond(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |c| c.us as i64)
}
fn get_fold(_vm: &Vm, args: Args) -> PyResult<Value> {
    civil_field(&args, |_| 0)
}

fn zone_value(tz: &Option<Zone>) -> Value {
    match tz {
        Some(z) => make(&cls_timezone(), Val::Zone(z.clone())),
        None => Value::None,
    }
}

fn get_tzinfo(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    match v {
        Val::DateTime(_, tz) | Val::Time(_, tz) => Ok(zone_value(&tz)),
        _ => Ok(Value::None),
    }
}

fn civil_of(v: &Val) -> PyResult<Civil> {
    match v {
        Val::Date(c) | Val::DateTime(c, _) => Ok(*c),
        _ => Err(PyErr::type_error("not a date")),
    }
}

fn date_weekday(_vm: &Vm, args: Args) -> PyResult<Value> {
    let c = civil_of(&this(&args)?.1)?;
    Ok(Value::Int(weekday(c.y, c.m, c.d) as i64))
}

fn date_isoweekday(_vm: &Vm, args: Args) -> PyResult<Value> {
    let c = civil_of(&this(&args)?.1)?;
    Ok(Value::Int(weekday(c.y, c.m, c.d) as i64 + 1))
}

thread_local! {
    static ISO_CAL: Rc<Class> = {
        let c = crate::types::make_class(
            "IsoCalendarDate",
            "datetime",
            vec![with_types(|t| t.object.clone())],
            crate::object::ClassKind::Plain,
            None,
        );
        crate::builtins::add_methods(
            &c,
            "IsoCalendarDate",
            &[
                ("__repr__", iso_repr),
                ("__getitem__", iso_getitem),
                ("__len__", iso_len),
                ("__iter__", iso_iter),
                ("__eq__", iso_eq),
                ("__getattr__", iso_getattr),
            ],
        );
        c
    };
}

fn iso_values(args: &Args) -> PyResult<Rc<Vec<Value>>> {
    match args.pos.first() {
        Some(Value::Instance(i)) => match rc::state(i) {
            Some(Value::Tuple(t)) => Ok(t),
            _ => Err(PyErr::type_error("expected an IsoCalendarDate")),
        },
        _ => Err(PyErr::type_error("expected an IsoCalendarDate")),
    }
}

fn iso_repr(_vm: &Vm, args: Args) -> PyResult<Value> {
    let t = iso_values(&args)?;
    let n = |i: usize| t.get(i).and_then(Value::as_int_like).unwrap_or(0);
    Ok(Value::from(format!(
        "datetime.IsoCalendarDate(year={}, week={}, weekday={})",
        n(0),
        n(1),
        n(2)
    )))
}

fn iso_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = iso_values(&args)?;
    crate::vm::ops::getitem(
        vm,
        &Value::Tuple(t),
        args.pos.get(1).unwrap_or(&Value::None),
    )
}

fn iso_len(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(3))
}

fn iso_iter(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = iso_values(&args)?;
    crate::vm::iter::iter(vm, Value::Tuple(t))
}

fn iso_eq(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = iso_values(&args)?;
    let other = match args.pos.get(1) {
        Some(Value::Tuple(o)) => Value::Tuple(o.clone()),
        Some(Value::Instance(o)) => match rc::state(o) {
            Some(Value::Tuple(o)) => Value::Tuple(o),
            _ => return Ok(crate::types::not_implemented()),
        },
        _ => return Ok(crate::types::not_implemented()),
    };
    Ok(Value::Bool(crate::vm::ops::eq(
        vm,
        &Value::Tuple(t),
        &other,
    )?))
}

fn iso_getattr(_vm: &Vm, args: Args) -> PyResult<Value> {
    let t = iso_values(&args)?;
    let i = match args.pos.get(1).and_then(Value::as_str) {
        Some("year") => 0,
        Some("week") => 1,
        Some("weekday") => 2,
        Some(other) => {
            return Err(PyErr::attribute_error(format!(
                "'IsoCalendarDate' object has no attribute '{other}'"
            )))
        }
        None => return Err(PyErr::type_error("attribute name must be string")),
    };
    Ok(t.get(i).cloned().unwrap_or(Value::None))
}

fn date_isocalendar(_vm: &Vm, args: Args) -> PyResult<Value> {
    let c = civil_of(&this(&args)?.1)?;
    let (y, w, d) = iso_calendar(c.y, c.m, c.d);
    let class = ISO_CAL.with(|c| c.clone());
    Ok(instance(
        &class,
        Value::tuple(vec![
            Value::Int(y),
            Value::Int(w as i64),
            Value::Int(d as i64),
        ]),
    ))
}

fn date_toordinal(_vm: &Vm, args: Args) -> PyResult<Value> {
    let c = civil_of(&this(&args)?.1)?;
    Ok(Value::Int(c.ordinal()))
}

fn date_ctime(_vm: &Vm, args: Args) -> PyResult<Value> {
    let c = civil_of(&this(&args)?.1)?;
    let wd = weekday(c.y, c.m, c.d) as usize;
    Ok(Value::from(format!(
        "{} {} {:>2} {:02}:{:02}:{:02} {:04}",
        &DAYS[wd][..3],
        &MONTHS[c.m as usize - 1][..3],
        c.d,
        c.h,
        c.mi,
        c.s,
        c.y
    )))
}

fn any_replace(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, v) = this(&args)?;
    let names: &[&str] = match v {
        Val::Date(_) => &["year", "month", "day"],
        Val::DateTime(..) => &[
            "year",
            "month",
            "day",
            "hour",
            "minute",
            "second",
            "microsecond",
            "tzinfo",
            "fold",
        ],
        Val::Time(..) => &["hour", "minute", "second", "microsecond", "tzinfo", "fold"],
        _ => &[],
    };
    let p = params(rest(args), "replace", names)?;
    let arg = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .and_then(|k| p[k].clone())
    };
    let int_or = |name: &str, default: i64| -> PyResult<i64> {
        match arg(name) {
            Some(v) => int_field(&v),
            None => Ok(default),
        }
    };
    Ok(match v {
        Val::Date(c) => make(
            &i.class,
            Val::Date(check_date(
                int_or("year", c.y)?,
                int_or("month", c.m as i64)?,
                int_or("day", c.d as i64)?,
            )?),
        ),
        Val::DateTime(c, tz) => {
            let mut n = check_date(
                int_or("year", c.y)?,
                int_or("month", c.m as i64)?,
                int_or("day", c.d as i64)?,
            )?;
            check_time(
                &mut n,
                int_or("hour", c.h as i64)?,
                int_or("minute", c.mi as i64)?,
                int_or("second", c.s as i64)?,
                int_or("microsecond", c.us as i64)?,
            )?;
            let tz = match arg("tzinfo") {
                Some(t) => tz_arg(Some(&t))?,
                None => tz,
            };
            make(&i.class, Val::DateTime(n, tz))
        }
        Val::Time(c, tz) => {
            let mut n = c;
            check_time(
                &mut n,
                int_or("hour", c.h as i64)?,
                int_or("minute", c.mi as i64)?,
                int_or("second", c.s as i64)?,
                int_or("microsecond", c.us as i64)?,
            )?;
            let tz = match arg("tzinfo") {
                Some(t) => tz_arg(Some(&t))?,
                None => tz,
            };
            make(&i.class, Val::Time(n, tz))
        }
        other => make(&i.class, other),
    })
}

fn dt_date(_vm: &Vm, args: Args) -> PyResult<Value> {
    let c = civil_of(&this(&args)?.1)?;
    Ok(make(&cls_date(), Val::Date(Civil::date(c.y, c.m, c.d))))
}

fn dt_time(_vm: &Vm, args: Args) -> PyResult<Value> {
    let c = civil_of(&this(&args)?.1)?;
    Ok(make(&cls_time(), Val::Time(c, None)))
}

fn dt_timetz(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    match v {
        Val::DateTime(c, tz) => Ok(make(&cls_time(), Val::Time(c, tz))),
        _ => Err(PyErr::type_error("not a datetime")),
    }
}

fn dt_timestamp(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    match v {
        Val::DateTime(c, tz) => {
            let epoch = (ymd_to_ord(1970, 1, 1) as i128 - 1) * US_PER_DAY;
            let us = c.total_us() - tz.map_or(0, |z| z.offset_us()) - epoch;
            Ok(Value::Float(us as f64 / 1e6))
        }
        _ => Err(PyErr::type_error("not a datetime")),
    }
}

fn delta_value(d: Delta) -> Value {
    make(&cls_timedelta(), Val::Delta(d))
}

fn any_utcoffset(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    match v {
        Val::DateTime(_, Some(z)) | Val::Time(_, Some(z)) => Ok(delta_value(z.offset)),
        _ => Ok(Value::None),
    }
}

fn any_tzname(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    match v {
        Val::DateTime(_, Some(z)) | Val::Time(_, Some(z)) => Ok(Value::from(z.tzname())),
        _ => Ok(Value::None),
    }
}

fn any_dst(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    match v {
        Val::DateTime(_, Some(_)) | Val::Time(_, Some(_)) => Ok(delta_value(Delta::default())),
        _ => Ok(Value::None),
    }
}

fn dt_astimezone(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, v) = this(&args)?;
    let p = params(rest(args), "astimezone", &["tz"])?;
    let Val::DateTime(c, tz) = v else {
        return Err(PyErr::type_error("not a datetime"));
    };
    // Naive times are local time, and local time is UTC here.
    let utc_us = c.total_us() - tz.as_ref().map_or(0, |z| z.offset_us());
    let target = tz_arg(p[0].as_ref())?.unwrap_or_else(Zone::utc);
    let local = Civil::from_total_us(utc_us + target.offset_us())?;
    Ok(make(&i.class, Val::DateTime(local, Some(target))))
}

fn tz_of(args: &Args) -> PyResult<Zone> {
    match this(args)?.1 {
        Val::Zone(z) => Ok(z),
        _ => Err(PyErr::type_error("not a timezone")),
    }
}

fn tz_utcoffset(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(delta_value(tz_of(&args)?.offset))
}

fn tz_tzname(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::from(tz_of(&args)?.tzname()))
}

fn tz_dst(_vm: &Vm, args: Args) -> PyResult<Value> {
    tz_of(&args)?;
    Ok(Value::None)
}

// =============================================================================== timedelta

fn delta_of(args: &Args) -> PyResult<Delta> {
    match this(args)?.1 {
        Val::Delta(d) => Ok(d),
        _ => Err(PyErr::type_error("not a timedelta")),
    }
}

fn td_days(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(delta_of(&args)?.days))
}
fn td_seconds(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(delta_of(&args)?.secs))
}
fn td_microseconds(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(delta_of(&args)?.us))
}

fn td_total_seconds(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = delta_of(&args)?;
    Ok(Value::Float(d.total_us() as f64 / 1e6))
}

fn td_neg(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(delta_value(Delta::from_us(-delta_of(&args)?.total_us())?))
}
fn td_pos(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(delta_value(delta_of(&args)?))
}
fn td_abs(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(delta_value(Delta::from_us(
        delta_of(&args)?.total_us().abs(),
    )?))
}
fn td_bool(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(delta_of(&args)?.total_us() != 0))
}

/// `round(a / b)`, halves to even (CPython's `_divide_and_round`).
fn divide_and_round(a: i128, b: i128) -> i128 {
    let (mut q, r) = (floor_div(a, b), floor_mod(a, b));
    let r2 = 2 * r;
    let greater = if b > 0 { r2 > b } else { r2 < b };
    if greater || (r2 == b && floor_mod(q, 2) == 1) {
        q += 1;
    }
    q
}

/// A float's exact ratio (`float.as_integer_ratio`), when it fits.
fn ratio(x: f64) -> Option<(i128, i128)> {
    if !x.is_finite() {
        return None;
    }
    let bits = x.to_bits();
    let sign: i128 = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let mant = (bits & ((1 << 52) - 1)) as i128;
    let (mut m, mut e) = if exp == 0 {
        (mant, -1074)
    } else {
        (mant | (1 << 52), exp - 1075)
    };
    if m == 0 {
        return Some((0, 1));
    }
    while m % 2 == 0 && e < 0 {
        m /= 2;
        e += 1;
    }
    if e >= 0 {
        if e > 60 {
            return None;
        }
        Some((sign * (m << e), 1))
    } else {
        if -e > 120 {
            return None;
        }
        Some((sign * m, 1i128 << (-e)))
    }
}

fn float_err(x: f64) -> PyErr {
    if x.is_nan() {
        PyErr::value_error("cannot convert float NaN to integer")
    } else {
        PyErr::overflow("cannot convert float infinity to integer")
    }
}

fn td_mul(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = delta_of(&args)?;
    let us = d.total_us();
    match args.pos.get(1) {
        Some(Value::Int(_) | Value::Bool(_)) => {
            let n = args.pos[1].as_int_like().unwrap_or(0) as i128;
            let r = us
                .checked_mul(n)
                .ok_or_else(|| PyErr::overflow("date value out of range"))?;
            Ok(delta_value(Delta::from_us(r)?))
        }
        Some(Value::Float(x)) => {
            let (a, b) = ratio(*x).ok_or_else(|| float_err(*x))?;
            let prod = us
                .checked_mul(a)
                .ok_or_else(|| PyErr::overflow("date value out of range"))?;
            Ok(delta_value(Delta::from_us(divide_and_round(prod, b))?))
        }
        _ => Ok(crate::types::not_implemented()),
    }
}

fn td_truediv(_vm: &Vm, args: Args) -> PyResult<Value> {
    let us = delta_of(&args)?.total_us();
    let zero = || PyErr::zero_division("integer division or modulo by zero");
    match args.pos.get(1) {
        Some(o @ Value::Instance(_)) => match val_of(o) {
            Some(Val::Delta(e)) => {
                let den = e.total_us();
                if den == 0 {
                    return Err(zero());
                }
                Ok(Value::Float(us as f64 / den as f64))
            }
            _ => Ok(crate::types::not_implemented()),
        },
        Some(Value::Int(_) | Value::Bool(_)) => {
            let n = args.pos[1].as_int_like().unwrap_or(0) as i128;
            if n == 0 {
                return Err(zero());
            }
            Ok(delta_value(Delta::from_us(divide_and_round(us, n))?))
        }
        Some(Value::Float(x)) => {
            if *x == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            let (a, b) = ratio(*x).ok_or_else(|| float_err(*x))?;
            let num = us
                .checked_mul(b)
                .ok_or_else(|| PyErr::overflow("date value out of range"))?;
            Ok(delta_value(Delta::from_us(divide_and_round(num, a))?))
        }
        _ => Ok(crate::types::not_implemented()),
    }
}

fn td_floordiv(_vm: &Vm, args: Args) -> PyResult<Value> {
    let us = delta_of(&args)?.total_us();
    let zero = || PyErr::zero_division("integer division or modulo by zero");
    match args.pos.get(1) {
        Some(o @ Value::Instance(_)) => match val_of(o) {
            Some(Val::Delta(e)) => {
                let den = e.total_us();
                if den == 0 {
                    return Err(zero());
                }
                Ok(Value::Int(floor_div(us, den) as i64))
            }
            _ => Ok(crate::types::not_implemented()),
        },
        Some(Value::Int(_) | Value::Bool(_)) => {
            let n = args.pos[1].as_int_like().unwrap_or(0) as i128;
            if n == 0 {
                return Err(zero());
            }
            Ok(delta_value(Delta::from_us(floor_div(us, n))?))
        }
        _ => Ok(crate::types::not_implemented()),
    }
}

/// Python's `//` on ints.
fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// Python's `%` on ints.
fn floor_mod(a: i128, b: i128) -> i128 {
    a - floor_div(a, b) * b
}

fn other_delta(args: &Args) -> Option<Delta> {
    match args.pos.get(1).and_then(val_of) {
        Some(Val::Delta(d)) => Some(d),
        _ => None,
    }
}

fn td_mod(_vm: &Vm, args: Args) -> PyResult<Value> {
    let us = delta_of(&args)?.total_us();
    let Some(o) = other_delta(&args) else {
        return Ok(crate::types::not_implemented());
    };
    let den = o.total_us();
    if den == 0 {
        return Err(PyErr::zero_division("integer division or modulo by zero"));
    }
    Ok(delta_value(Delta::from_us(floor_mod(us, den))?))
}

fn td_divmod(_vm: &Vm, args: Args) -> PyResult<Value> {
    let us = delta_of(&args)?.total_us();
    let Some(o) = other_delta(&args) else {
        return Ok(crate::types::not_implemented());
    };
    let den = o.total_us();
    if den == 0 {
        return Err(PyErr::zero_division("integer division or modulo by zero"));
    }
    Ok(Value::tuple(vec![
        Value::Int(floor_div(us, den) as i64),
        delta_value(Delta::from_us(floor_mod(us, den))?),
    ]))
}

fn td_rsub(_vm: &Vm, args: Args) -> PyResult<Value> {
    let d = delta_of(&args)?;
    match other_delta(&args) {
        Some(o) => Ok(delta_value(Delta::from_us(o.total_us() - d.total_us())?)),
        None => Ok(crate::types::not_implemented()),
    }
}

// =============================================================================== + - compare

fn add_delta(class: &Rc<Class>, v: &Val, d: &Delta, sign: i128) -> PyResult<Option<Value>> {
    let shift = sign * d.total_us();
    Ok(Some(match v {
        Val::Date(c) => {
            let ord = c.ordinal() + sign as i64 * d.days;
            if !(1..=MAX_ORDINAL).contains(&ord) {
                return Err(PyErr::overflow("date value out of range"));
            }
            let (y, m, dd) = ord_to_ymd(ord);
            make(class, Val::Date(Civil::date(y, m, dd)))
        }
        Val::DateTime(c, tz) => make(
            class,
            Val::DateTime(Civil::from_total_us(c.total_us() + shift)?, tz.clone()),
        ),
        Val::Delta(e) => make(class, Val::Delta(Delta::from_us(e.total_us() + shift)?)),
        _ => return Ok(None),
    }))
}

fn any_add(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, v) = this(&args)?;
    let Some(other) = args.pos.get(1).and_then(val_of) else {
        return Ok(crate::types::not_implemented());
    };
    let out = match (&v, &other) {
        (Val::Delta(d), Val::Date(_) | Val::DateTime(..)) => {
            let Some(Value::Instance(o)) = args.pos.get(1) else {
                return Ok(crate::types::not_implemented());
            };
            add_delta(&o.class, &other, d, 1)?
        }
        (Val::Date(_) | Val::DateTime(..) | Val::Delta(_), Val::Delta(d)) => {
            let class = if matches!(v, Val::Delta(_)) {
                cls_timedelta()
            } else {
                i.class.clone()
            };
            add_delta(&class, &v, d, 1)?
        }
        _ => None,
    };
    Ok(out.unwrap_or_else(crate::types::not_implemented))
}

fn any_sub(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (i, v) = this(&args)?;
    let Some(other) = args.pos.get(1).and_then(val_of) else {
        return Ok(crate::types::not_implemented());
    };
    let out = match (&v, &other) {
        (_, Val::Delta(d)) => {
            let class = if matches!(v, Val::Delta(_)) {
                cls_timedelta()
            } else {
                i.class.clone()
            };
            add_delta(&class, &v, d, -1)?
        }
        (Val::Date(a), Val::Date(b)) => Some(delta_value(Delta::from_us(
            (a.ordinal() - b.ordinal()) as i128 * US_PER_DAY,
        )?)),
        (Val::DateTime(a, za), Val::DateTime(b, zb)) => {
            if za.is_some() != zb.is_some() {
                return Err(PyErr::type_error(
                    "can't subtract offset-naive and offset-aware datetimes",
                ));
            }
            let ua = a.total_us() - za.as_ref().map_or(0, |z| z.offset_us());
            let ub = b.total_us() - zb.as_ref().map_or(0, |z| z.offset_us());
            Some(delta_value(Delta::from_us(ua - ub)?))
        }
        _ => None,
    };
    Ok(out.unwrap_or_else(crate::types::not_implemented))
}

/// A comparable key of two values of the same kind; `Err` for naive against aware.
fn order_keys(a: &Val, b: &Val) -> PyResult<Option<(i128, i128)>> {
    Ok(match (a, b) {
        (Val::Date(x), Val::Date(y)) => Some((x.ordinal() as i128, y.ordinal() as i128)),
        (Val::DateTime(x, zx), Val::DateTime(y, zy)) => {
            if zx.is_some() != zy.is_some() {
                return Err(PyErr::type_error(
                    "can't compare offset-naive and offset-aware datetimes",
                ));
            }
            Some((
                x.total_us() - zx.as_ref().map_or(0, |z| z.offset_us()),
                y.total_us() - zy.as_ref().map_or(0, |z| z.offset_us()),
            ))
        }
        (Val::Time(x, zx), Val::Time(y, zy)) => {
            if zx.is_some() != zy.is_some() {
                return Err(PyErr::type_error(
                    "can't compare offset-naive and offset-aware times",
                ));
            }
            Some((
                x.time_of_day_us() as i128 - zx.as_ref().map_or(0, |z| z.offset_us()),
                y.time_of_day_us() as i128 - zy.as_ref().map_or(0, |z| z.offset_us()),
            ))
        }
        (Val::Delta(x), Val::Delta(y)) => Some((x.total_us(), y.total_us())),
        _ => None,
    })
}

fn kind_name(v: &Val) -> &'static str {
    match v {
        Val::Date(_) => "datetime.date",
        Val::DateTime(..) => "datetime.datetime",
        Val::Time(..) => "datetime.time",
        Val::Delta(_) => "datetime.timedelta",
        Val::Zone(_) => "datetime.timezone",
    }
}

fn any_eq(_vm: &Vm, args: Args) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    let Some(other) = args.pos.get(1).and_then(val_of) else {
        return Ok(crate::types::not_implemented());
    };
    if let (Val::Zone(a), Val::Zone(b)) = (&v, &other) {
        return Ok(Value::Bool(a.offset == b.offset));
    }
    match (&v, &other) {
        (Val::DateTime(_, za), Val::DateTime(_, zb)) if za.is_some() != zb.is_some() => {
            return Ok(Value::Bool(false))
        }
        (Val::Time(_, za), Val::Time(_, zb)) if za.is_some() != zb.is_some() => {
            return Ok(Value::Bool(false))
        }
        _ => {}
    }
    match order_keys(&v, &other)? {
        Some((a, b)) => Ok(Value::Bool(a == b)),
        None => Ok(Value::Bool(false)),
    }
}

fn compare(args: Args, op: fn(i128, i128) -> bool) -> PyResult<Value> {
    let (_, v) = this(&args)?;
    let Some(other) = args.pos.get(1).and_then(val_of) else {
        return Ok(crate::types::not_implemented());
    };
    match order_keys(&v, &other)? {
        Some((a, b)) => Ok(Value::Bool(op(a, b))),
        None => {
            if matches!(
                (&v, &other),
                (Val::Date(_), Val::DateTime(..)) | (Val::DateTime(..), Val::Date(_))
            ) {
                return Err(PyErr::type_error(format!(
                    "can't compare {} to {}",
                    kind_name(&v),
                    kind_name(&other)
                )));
            }
            Ok(crate::types::not_implemented())
        }
    }
}

fn any_lt(_vm: &Vm, args: Args) -> PyResult<Value> {
    compare(args, |a, b| a < b)
}
fn any_le(_vm: &Vm, args: Args) -> PyResult<Value> {
    compare(args, |a, b| a <= b)
}
fn any_gt(_vm: &Vm, args: Args) -> PyResult<Value> {
    compare(args, |a, b| a > b)
}
fn any_ge(_vm: &Vm, args: Args) -> PyResult<Value> {
    compare(args, |a, b| a >= b)
}

// =============================================================================== module

pub(super) fn module() -> Value {
    let ns = Namespace::default();
    classes(|c| {
        let mut m = ns.borrow_mut();
        for class in [
            &c.date,
            &c.datetime,
            &c.time,
            &c.timedelta,
            &c.tzinfo,
            &c.timezone,
        ] {
            m.insert(class.name.clone(), Value::Class(class.clone()));
        }
        m.insert(Rc::from("MINYEAR"), Value::Int(1));
        m.insert(Rc::from("MAXYEAR"), Value::Int(9999));
        m.insert(Rc::from("UTC"), make(&c.timezone, Val::Zone(Zone::utc())));
    });
    make_module("datetime", ns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for n in [1, 2, 365, 366, 730_120, 738_886, MAX_ORDINAL] {
            let (y, m, d) = ord_to_ymd(n);
            assert_eq!(ymd_to_ord(y, m, d), n, "{n} -> {y}-{m}-{d}");
        }
        assert_eq!(ord_to_ymd(ymd_to_ord(2024, 1, 1)), (2024, 1, 1));
        assert_eq!(ord_to_ymd(ymd_to_ord(2000, 2, 29)), (2000, 2, 29));
        assert_eq!(ord_to_ymd(ymd_to_ord(1900, 3, 1)), (1900, 3, 1));
        assert_eq!(weekday(2024, 1, 1), 0);
    }

    #[test]
    fn rounding_helpers() {
        assert_eq!(divide_and_round(5, 2), 2);
        assert_eq!(divide_and_round(7, 2), 4);
        assert_eq!(divide_and_round(-5, 2), -2);
        assert_eq!(ratio(0.5), Some((1, 2)));
        assert_eq!(ratio(3.0), Some((3, 1)));
        assert_eq!(split_timestamp(1.5).ok(), Some((1, 500_000)));
    }
}
