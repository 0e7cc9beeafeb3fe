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

/// Two values are one value when they agree to nine significant digits.
pub fn same_value(a: f64, b: f64) -> bool {
    if a == b {
        return true;
    }
    let scale = a.abs().max(b.abs());
    (a - b).abs() <= scale * 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

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
