/* A number typed in the form, kept as the decimal it is and written as rete's writer
   writes the same value (numeric.number_text in scripts/rete/content/numeric.py): every digit,
   never an exponent (YAML 1.1 reads 1e-7 as a text), never through a JavaScript double
   (12345678901234567890 would become 12345678901234567000). */

// What <input type="number"> accepts (HTML's "valid floating-point number"), and a sign.
const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d{1,4}))?$/;

/* The text the file gets for `typed`, or null when it is no number. A value typed
   without a point or an exponent, or any whole value of an `integer` field, is written
   as a whole number (12); any other keeps a point, as Python writes a float (12.0,
   0.0000001, 1000000000000000000000.0). */
export function numberText(typed, integer) {
  const m = DECIMAL.exec(String(typed).trim());
  if (!m || !(m[2] + (m[3] || ""))) return null;
  let digits = m[2] + (m[3] || "");
  let point = m[2].length + Number(m[4] || 0);  // where the decimal point falls in digits
  const lead = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(lead).replace(/0+$/, "");
  point -= lead;
  let whole = "0", frac = "";
  if (digits && point <= 0) {
    frac = "0".repeat(-point) + digits;
  } else if (digits && point >= digits.length) {
    whole = digits + "0".repeat(point - digits.length);
  } else if (digits) {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  const typedWhole = m[3] === undefined && m[4] === undefined;
  if (!frac && (integer || typedWhole)) return (m[1] === "-" && digits ? "-" : "") + whole;
  return (m[1] === "-" ? "-" : "") + whole + "." + (frac || "0");
}

/* A typed number: its text for the file; its value, as a double, for the preview and
   for comparisons (the checks against min and max). */
export class Numero {
  constructor(text) {
    this.testo = text;
  }

  valueOf() {
    return Number(this.testo);
  }

  toString() {
    return this.testo;
  }

  toJSON() {
    return Number(this.testo);
  }
}

/* What a number field holds once read: a Numero, or the text itself if it is none
   (the checks have refused it already). */
export function numero(typed, integer) {
  const text = numberText(typed, integer);
  return text === null ? typed : new Numero(text);
}

/* A JavaScript number (from a JSON file) as the file writes it: its shortest digits. */
export function plainNumber(value) {
  return numberText(String(value), false);
}
