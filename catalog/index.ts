/**
 * Every seed question (B1–B25, I1–I50, A1–A50, T1–T10): a paraphrase, its claims with audited
 * verdicts, the truth and its AWS source, and what settles it (a lab's claim, `conceptual`, or
 * `planned`). The data lives beside it in labs/catalog-<level>.ts, one file per question set.
 */
import type { CatalogEntry } from '../lib/lab-kit/catalog/model';
import { sortCatalog } from '../lib/lab-kit/catalog/catalog';
import { ADVANCED } from './advanced';
import { BEGINNER } from './beginner';
import { INTERMEDIATE } from './intermediate';
import { TOPTAL } from './toptal';

export const CATALOG: readonly CatalogEntry[] = sortCatalog([...BEGINNER, ...INTERMEDIATE, ...ADVANCED, ...TOPTAL]);
