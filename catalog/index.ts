/**
 * Every seed question (B1–B25, I1–I50, A1–A50, T1–T10): a paraphrase, its claims with stable ids,
 * audited verdicts, the truth and its AWS sources, and, where no lab checks a claim, why
 * (`planned` for a lab, or `conceptual`). This folder is the only home of claim text; which lab
 * settles a claim is read from the lab registry. One file per question set; no lab code is loaded.
 */
import type { CatalogEntry } from '../lib/lab-kit/catalog/model';
import { sortCatalog } from '../lib/lab-kit/catalog/catalog';
import { ADVANCED } from './advanced';
import { BEGINNER } from './beginner';
import { INTERMEDIATE } from './intermediate';
import { TOPTAL } from './toptal';

export const CATALOG: readonly CatalogEntry[] = sortCatalog([...BEGINNER, ...INTERMEDIATE, ...ADVANCED, ...TOPTAL]);
