// The Sigma field mapping of each format read through a table (formats without Sigma-named
// fields of their own): format + category -> Sigma field (lower case) -> [vendor field, reader].
import type {Category, FormatName} from '../event.js';
import type {SigmaTable, SigmaTableOf} from './common/sigma-table.js';
import {CS_MODULE_LOADS} from './cs-fdr/normalize.js';
import {csFdrSigmaTable} from './cs-fdr/sigma.js';
import {mdeSigmaTable} from './mde/sigma.js';
import {OCSF_MODULE_LOAD} from './ocsf/normalize.js';
import {ocsfSigmaTable} from './ocsf/sigma.js';

export const VENDOR_SIGMA_FORMATS = ['mde', 'cs-fdr', 'ocsf'] as const;
export type VendorSigmaFormat = (typeof VENDOR_SIGMA_FORMATS)[number];

const TABLES: Record<VendorSigmaFormat, SigmaTableOf> = {
	mde: mdeSigmaTable,
	'cs-fdr': csFdrSigmaTable,
	ocsf: ocsfSigmaTable,
};

/** The table of a format and category; undefined for formats mapped otherwise (S1, Sysmon). */
export function vendorSigmaTable(format: FormatName, category: Category): SigmaTable | undefined {
	return (TABLES as Partial<Record<FormatName, SigmaTableOf>>)[format]?.(category);
}

/**
 * The subtypes of each format's module loads, which edrtail files under "other" (no category of
 * its own) and which stand for Sigma's image_load.
 */
export const VENDOR_IMAGE_LOADS: Readonly<Record<VendorSigmaFormat, readonly string[]>> = {
	mde: ['DeviceImageLoadEvents/ImageLoaded'],
	'cs-fdr': [...CS_MODULE_LOADS],
	ocsf: [OCSF_MODULE_LOAD],
};
