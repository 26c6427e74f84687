/**
 * What identifies a partner council, checked the same way in the form, the API and a council list
 * import. Each check answers null when the value is right, else a sentence in the field's words.
 */

/** The DfE's three-digit local authority number, as SSDA903 returns and DfE tables use it (352 is Manchester). */
export const DFE_LA_CODE_PATTERN = /^\d{3}$/;

/**
 * The ONS (GSS) code of a council with children's services in England: unitary (E06), metropolitan
 * district (E08), London borough (E09) or county (E10). The postcode directory names a postcode's
 * upper-tier council by this code, and imported children's pseudonymous keys are built from it.
 */
export const ONS_LA_CODE_PATTERN = /^E(06|08|09|10)\d{6}$/;

export const COUNCIL_NAME_MAX = 100;

export function dfeLaCodeProblem(code: string): string | null {
  if (code === '') return 'Enter the DfE LA code: three digits, e.g. 352 for Manchester.';
  if (DFE_LA_CODE_PATTERN.test(code)) return null;
  if (/^\d+$/.test(code)) return `"${code}" has ${code.length} digits; a DfE LA code has exactly three (e.g. 352 for Manchester, 201 for the City of London).`;
  return `"${code}" is not a DfE LA code: it is three digits, e.g. 352 for Manchester.`;
}

export function onsLaCodeProblem(code: string): string | null {
  if (code === '') return 'Enter the ONS code, e.g. E08000003 for Manchester.';
  if (ONS_LA_CODE_PATTERN.test(code)) return null;
  if (/^E0[27]\d{6}$/.test(code)) {
    return `"${code}" is a district council's ONS code; give the code of the council with children's services (E06, E08, E09 or E10).`;
  }
  return `"${code}" is not an ONS code of an English council with children's services: E06, E08, E09 or E10 and six digits, e.g. E08000003 for Manchester.`;
}

export function councilNameProblem(name: string): string | null {
  if (name.length < 2) return "Enter the council's name, e.g. Manchester.";
  if (name.length > COUNCIL_NAME_MAX) return `A council's name can have at most ${COUNCIL_NAME_MAX} characters; this has ${name.length}.`;
  return null;
}

/** A centre is a postcode or a town, which the postcode directory or the gazetteer then places. */
export function councilCentreProblem(text: string): string | null {
  if (text === '') return "Give the council's centre: a postcode or a town, e.g. M60 2LA or Manchester.";
  if (text.length > 100) return `A postcode or town fits in 100 characters; this has ${text.length}.`;
  return null;
}

/**
 * Every council runs its own fostering service; the app records it as the provider of the council's
 * in-house foster homes, so a foster household list can name it ("Wigan Council Fostering Service").
 */
export function inHouseFosteringServiceName(councilName: string): string {
  return /\bcouncil$/i.test(councilName) ? `${councilName} Fostering Service` : `${councilName} Council Fostering Service`;
}

/** Typed codes in their stored form: spaces dropped, letters upper case ('e08 000003' is 'E08000003'). */
export function normaliseLaCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}
