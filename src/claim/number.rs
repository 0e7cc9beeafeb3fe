//! Number normalisation: Arabic digits (with separators, decimals, full-width forms) and
//! Chinese numerals (十六亿, 百分之三十, 两千三百万) to `f64`, and back to a short form
//! for messages. Magnitude words are applied by the quantity extractor.

/// Value of a full-width or ASCII digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

pub fn is_digit(c: char) -> bool {
    digit(c).is_some()
}

/// Parse Arabic digits with `,` / `，` separators and one `.` / `．` decimal point.
/// Returns `None` for anything else, and for values too large to be a finite `f64`.
pub fn parse_arabic(s: &str) -> Option<f64> {
    let mut ascii = String::with_capacity(s.len());
    let mut seen_point = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            ascii.push(char::from_digit(d, 10)?);
        } else if matches!(
            c,
            ',' | '，' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        ) {
            continue;
        } else if matches!(c, '.' | '．') && !seen_point {
            seen_point = true;
            ascii.push('.');
        } else {
            return None;
        }
    }
    if ascii.is_empty() || ascii == "." {
        return None;
    }
    let v: f64 = ascii.parse().ok()?;
    v.is_finite().then_some(v)
}

pub fn is_cn_digit(c: char) -> bool {
    cn_digit(c).is_some()
}

fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn cn_small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn cn_big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
    })
}

pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_small_unit(c).is_some() || cn_big_unit(c).is_some()
}

/// Parse a Chinese numeral such as 十六亿, 两千三百万, 一万亿, 三, 百, 三点五.
/// A run of bare digits (二〇二四) reads digit by digit.
/// Runs longer than [`MAX_CN_CHARS`] are not numerals (and would nest the unit split
/// once per 亿 or 万: 20,000 亿 in a row overflowed the stack).
pub fn parse_chinese(s: &str) -> Option<f64> {
    if s.is_empty() || s.chars().nth(MAX_CN_CHARS).is_some() {
        return None;
    }
    let (int_part, frac_part) = match s.split_once(['点', '點']) {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    };
    let chars: Vec<char> = int_part.chars().collect();
    let all_digits = chars.iter().all(|&c| cn_digit(c).is_some());
    let mut value = if all_digits && chars.len() > 1 {
        let mut v = 0f64;
        for &c in &chars {
            v = v * 10.0 + cn_digit(c)? as f64;
        }
        v
    } else {
        parse_cn_int(&chars)?
    };
    if let Some(frac) = frac_part {
        let mut scale = 0.1;
        for c in frac.chars() {
            value += cn_digit(c)? as f64 * scale;
            scale /= 10.0;
        }
    }
    value.is_finite().then_some(value)
}

/// The longest Chinese numeral read; 九千九百九十九万九千九百九十九亿 has 16 characters.
const MAX_CN_CHARS: usize = 64;

/// Integer part with units: sections separated by 亿 and 万, each a sum of digit×十/百/千.
fn parse_cn_int(chars: &[char]) -> Option<f64> {
    if chars.is_empty() {
        return Some(0.0);
    }
    // Split at the largest big unit present (亿 before 万), recursively; 万亿 = 1e12.
    // (Traditional 億 and 萬 alike.)
    for (unit, scale) in [('亿', 1e8), ('万', 1e4)] {
        if let Some(pos) = chars
            .iter()
            .rposition(|&c| cn_big_unit(c) == Some(scale) || c == unit)
        {
            let head = &chars[..pos];
            let tail = &chars[pos + 1..];
            let head_v = if head.is_empty() {
                1.0
            } else {
                parse_cn_int(head)?
            };
            let tail_v = parse_cn_int(tail)?;
            // 一亿五 = 1.5亿: a lone trailing digit after a big unit scales one step down.
            let tail_v = if tail.len() == 1 && cn_digit(tail[0]).is_some() && scale >= 1e4 {
                tail_v * scale / 10.0
            } else {
                tail_v
            };
            return Some(head_v * scale + tail_v);
        }
    }
    let mut total = 0u64;
    let mut current: Option<u64> = None;
    for &c in chars {
        if let Some(d) = cn_digit(c) {
            current = Some(d);
        } else if let Some(u) = cn_small_unit(c) {
            total += current.unwrap_or(1) * u;
            current = None;
        } else {
            return None;
        }
    }
    total += current.unwrap_or(0);
    Some(total as f64)
}

/// A short human form of a value: 1600000000 → "1.6 billion", 0.06 → "0.06".
pub fn format_value(v: f64) -> String {
    let a = v.abs();
    let (scaled, word) = if a >= 1e12 {
        (v / 1e12, " trillion")
    } else if a >= 1e9 {
        (v / 1e9, " billion")
    } else if a >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    let mut s = format!("{scaled:.4}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s}{word}")
}

/// `v` as `format!("{v:.p$e}")` writes it (`p` digits after the point), as one number:
/// two values get the same key exactly when they are written alike, for `p` up to 9.
///
/// The written form is a sign (also for -0.0), the `p + 1` significant digits of `v`
/// correctly rounded and the power of ten, or `NaN`, `inf`, `-inf`. Here the digits are
/// computed in integers where `|v|` lies in [1e-9, 1e15): with `|v| = m·2^e` (`m` < 2^53)
/// and `s = p - E` for `E` its power of ten, `|v|·10^s = N/D` with `N = m·10^max(s,0)`
/// and `D = 10^max(-s,0)·2^-e`, both below 2^115 in that range; `E` is read from
/// `log10` and corrected until `N/D` has `p + 1` digits before the point, the quotient is
/// rounded by comparing twice the remainder with `D`, and a rounding up to `10^(p+1)`
/// carries into `E`, as the formatter does. An exact tie (where the formatter's tie rule
/// would decide), and any value outside that range, is formatted and the string read
/// back: the key stays the string's. A test compares the two over many values.
pub fn sci_key(v: f64, p: u32) -> u64 {
    debug_assert!(p <= 9);
    let a = v.abs();
    if (1e-9..1e15).contains(&a) {
        if let Some((digits, exp)) = sci_digits(a, p) {
            return pack_sci(v.is_sign_negative(), digits, exp);
        }
    }
    read_sci(&format!("{v:.*e}", p as usize))
}

/// (sign, digits, exponent) in one `u64`: the exponent (offset by 400, < 2^10) above a
/// sign bit above the digits (< 2^34 for ten).
fn pack_sci(negative: bool, digits: u64, exp: i32) -> u64 {
    ((exp + 400) as u64) << 40 | u64::from(negative) << 39 | digits
}

/// The digits and power of ten of `a` (positive, in range) to `p + 1` significant digits,
/// or `None` on an exact tie.
fn sci_digits(a: f64, p: u32) -> Option<(u64, i32)> {
    let bits = a.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let (m, e) = if raw_exp == 0 {
        (u128::from(bits & ((1 << 52) - 1)), -1074)
    } else {
        (
            u128::from((bits & ((1 << 52) - 1)) | (1 << 52)),
            raw_exp - 1075,
        )
    };
    // (In range, `e` is negative: a is below 2^53.)
    let shift = u32::try_from(-e).ok()?;
    let low = 10u128.pow(p);
    let high = 10 * low;
    let mut exp = a.log10().floor() as i32;
    for _ in 0..3 {
        let s = p as i32 - exp;
        let n = m * 10u128.pow(s.max(0) as u32);
        let d = 10u128.pow((-s).max(0) as u32) << shift;
        let q = n / d;
        if q < low {
            exp -= 1;
            continue;
        }
        if q >= high {
            exp += 1;
            continue;
        }
        let twice = 2 * (n % d);
        let q = match twice.cmp(&d) {
            std::cmp::Ordering::Less => q,
            std::cmp::Ordering::Greater => q + 1,
            std::cmp::Ordering::Equal => return None,
        };
        return Some(if q == high {
            (low as u64, exp + 1)
        } else {
            (q as u64, exp)
        });
    }
    None
}

/// The key of a formatted value ([`sci_key`]).
fn read_sci(s: &str) -> u64 {
    match s {
        "NaN" => return u64::MAX,
        "inf" => return u64::MAX - 1,
        "-inf" => return u64::MAX - 2,
        _ => {}
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    pack_sci(negative, digits, exp.parse().unwrap_or(0))
}

/// Two values are one value when they agree to nine significant digits.
pub fn same_value(a: f64, b: f64) -> bool {
    if a == b {
        return true;
    }
    let scale = a.abs().max(b.abs());
    (a - b).abs() <= scale * 1e-9
}

/// How many significant digits a value is written with: 56000 → 2, 31.5 → 3.
pub fn significant_digits(v: f64) -> u32 {
    if v == 0.0 || !v.is_finite() {
        return 1;
    }
    // The ten digits `{:.9e}` writes (a first digit that is not 0), less their trailing
    // zeros.
    let digits = sci_key(v.abs(), 9) & ((1 << 39) - 1);
    let mut n = digits;
    let mut zeros = 0;
    while n != 0 && n % 10 == 0 {
        n /= 10;
        zeros += 1;
    }
    (10 - zeros).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// [`sci_key`] groups values exactly as their formatted strings do.
    #[test]
    fn sci_keys_are_the_formatted_strings() {
        let mut values: Vec<f64> = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1.5,
            2.5,
            0.1,
            0.06,
            412.6,
            31.5,
            56000.0,
            1e-9,
            1e15,
            9.999_999_995,
            9.999_999_999_5,
            999_999_999.5,
            1_000_000_005.0,
            123_456_789.5,
            1e300,
            1e-300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        // Halves, decimals and integers across the range, and their neighbours.
        for e in -12..17 {
            let p10 = 10f64.powi(e);
            for k in [
                1.0,
                1.5,
                2.5,
                3.3,
                4.125,
                5.0,
                9.5,
                9.99,
                9.999_999_995,
                12_345.678_9,
            ] {
                values.push(k * p10);
            }
        }
        for n in (0..3000u64).map(|i| i * i * 7919 + i) {
            values.push(n as f64);
            values.push(n as f64 + 0.5);
            values.push(n as f64 / 1000.0);
            values.push(n as f64 / 7.0);
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Any bits, and values in the fast path's range.
            values.push(f64::from_bits(x));
            values.push((x % 1_000_000_000_000) as f64 / 10f64.powi((x % 23) as i32));
        }
        let more: Vec<f64> = values
            .iter()
            .flat_map(|&v| {
                [
                    v,
                    -v,
                    f64::from_bits(v.to_bits() + 1),
                    f64::from_bits(v.to_bits().wrapping_sub(1)),
                ]
            })
            .collect();
        // The integer path serves the usual figures; an exact tie goes to the formatter.
        assert_eq!(sci_digits(412.6, 8), Some((412_600_000, 2)));
        assert_eq!(sci_digits(0.06, 8), Some((600_000_000, -2)));
        assert_eq!(sci_digits(9.999_999_999_5, 8), Some((100_000_000, 1)));
        assert_eq!(sci_digits(1_000_000_005.0, 8), None);
        let fast = more
            .iter()
            .filter(|v| (1e-9..1e15).contains(&v.abs()) && sci_digits(v.abs(), 8).is_some())
            .count();
        assert!(fast > more.len() / 2, "{fast} of {}", more.len());
        for p in [8u32, 9] {
            let mut by_key: HashMap<u64, String> = HashMap::new();
            let mut by_text: HashMap<String, u64> = HashMap::new();
            for &v in &more {
                let text = format!("{v:.*e}", p as usize);
                let key = sci_key(v, p);
                assert_eq!(key, read_sci(&text), "{v:e} at {p}: {text}");
                assert_eq!(by_key.entry(key).or_insert_with(|| text.clone()), &text);
                assert_eq!(*by_text.entry(text).or_insert(key), key);
            }
        }
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(parse_arabic("1,600"), Some(1600.0));
        assert_eq!(parse_arabic("0.06"), Some(0.06));
        assert_eq!(parse_arabic("１６"), Some(16.0));
        assert_eq!(parse_arabic("1，600.5"), Some(1600.5));
        assert_eq!(parse_arabic("1.2.3"), None);
        assert_eq!(parse_arabic(&"9".repeat(400)), None);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("十六亿"), Some(1.6e9));
        assert_eq!(parse_chinese("三十"), Some(30.0));
        assert_eq!(parse_chinese("两千三百万"), Some(2.3e7));
        assert_eq!(parse_chinese("一万亿"), Some(1e12));
        assert_eq!(parse_chinese("万亿"), Some(1e12));
        assert_eq!(parse_chinese("百万"), Some(1e6));
        assert_eq!(parse_chinese("十万"), Some(1e5));
        assert_eq!(parse_chinese("三点五"), Some(3.5));
        assert_eq!(parse_chinese("一亿五"), Some(1.5e8));
        assert_eq!(parse_chinese("二〇二四"), Some(2024.0));
        assert_eq!(parse_chinese("一百零五"), Some(105.0));
        assert_eq!(parse_chinese("abc"), None);
        assert_eq!(parse_chinese(&"亿".repeat(20_000)), None);
        assert_eq!(parse_chinese(&"一".repeat(400)), None, "not a finite f64");
    }

    #[test]
    fn one_value_many_forms() {
        assert!(same_value(16.0 * 1e8, 1.6 * 1e9));
        assert!(same_value(1600.0 * 1e6, 1.6e9));
        assert!(!same_value(160.0 * 1e8, 16.0 * 1e8));
        assert_eq!(format_value(1.6e9), "1.6 billion");
        assert_eq!(format_value(0.06), "0.06");
    }
}
