import type { MigrationInterface } from 'typeorm';
import { PublicRecords1796000000000 } from './1796000000000-PublicRecords';
import { ForgerySignals1795996651500 } from './1795996651500-ForgerySignals';
import { CopyRefusals1795991955981 } from './1795991955981-CopyRefusals';
import { Copies1795990770595 } from './1795990770595-Copies';
import { Amendments1795990439280 } from './1795990439280-Amendments';
import { Revocations1795990167885 } from './1795990167885-Revocations';
import { Printing1795625823577 } from './1795625823577-Printing';
import { IssuerKeys1795625526268 } from './1795625526268-IssuerKeys';
import { JobInstance1795622153952 } from './1795622153952-JobInstance';
import { Register1795620639311 } from './1795620639311-Register';
import { RegisterGuards1795620639400 } from './1795620639400-RegisterGuards';
import { DropBlankHolderFk1795619971688 } from './1795619971688-DropBlankHolderFk';
import { Blanks1795618911553 } from './1795618911553-Blanks';
import { BlankGuards1795618911600 } from './1795618911600-BlankGuards';
import { FactLog1795617190370 } from './1795617190370-FactLog';
import { FactLogGuards1795617190400 } from './1795617190400-FactLogGuards';
import { Initial1795614595971 } from './1795614595971-Initial';
import { AppendOnlyTables1795614600000 } from './1795614600000-AppendOnlyTables';
import { SeedRulebook1795614700000 } from './1795614700000-SeedRulebook';

/** Every migration, in order. `npm run migration:generate -- Name` appends here. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795614595971,
  AppendOnlyTables1795614600000,
  SeedRulebook1795614700000,
  FactLog1795617190370,
  FactLogGuards1795617190400,
  Blanks1795618911553,
  BlankGuards1795618911600,
  DropBlankHolderFk1795619971688,
  Register1795620639311,
  RegisterGuards1795620639400,
  JobInstance1795622153952,
  IssuerKeys1795625526268,
  Printing1795625823577,
  Revocations1795990167885,
  Amendments1795990439280,
  Copies1795990770595,
  CopyRefusals1795991955981,
  ForgerySignals1795996651500,
  PublicRecords1796000000000,
];
