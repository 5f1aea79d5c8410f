import { Identity1764300000000 } from './1764300000000-identity.js';
import { Accreditation1764300000100 } from './1764300000100-accreditation.js';
import { Inspection1764300000200 } from './1764300000200-inspection.js';
import { Movement1764300000300 } from './1764300000300-movement.js';
import { InspectionHistory1764300000400 } from './1764300000400-inspection-history.js';
import { AccreditationSearch1764300000500 } from './1764300000500-accreditation-search.js';
import { Security1764300000600 } from './1764300000600-security.js';
import { CardNumberSearchIndex1764300000700 } from './1764300000700-card-number-search-index.js';
import { ClosedLoop1764300001000 } from './1764300001000-closed-loop.js';
import { CardDenyList1764300001100 } from './1764300001100-card-deny-list.js';
import { Sessions1764300001200 } from './1764300001200-sessions.js';
import { LeastPrivilege1764300001300 } from './1764300001300-least-privilege.js';
import { MovementAppend1764300001301 } from './1764300001301-movement-append.js';
import { MovementCheckpoints1764300001302 } from './1764300001302-movement-checkpoints.js';
import { PeopleNameSearch1764300001400 } from './1764300001400-people-name-search.js';
import { VenueCatalogue1764300001500 } from './1764300001500-venue-catalogue.js';
import { PersonPhotos1764300001501 } from './1764300001501-person-photos.js';
import { CardPrintRuns1764300001502 } from './1764300001502-card-print-runs.js';
import { Retention1764300001600 } from './1764300001600-retention.js';
import { CheckInAnnulments1764300001700 } from './1764300001700-check-in-annulments.js';
import { PersonEdits1764300001800 } from './1764300001800-person-edits.js';
import { CatalogueForAreas1764300001801 } from './1764300001801-catalogue-for-areas.js';
import { CheckInFunction1764300001900 } from './1764300001900-check-in-function.js';
import { MovementStays1764300002000 } from './1764300002000-movement-stays.js';
import { AppendOnly1764300002100 } from './1764300002100-append-only.js';
import { UserPreferredLanguage1764300002200 } from './1764300002200-user-preferred-language.js';
import { MovementIngestIndexes1764300002400 } from './1764300002400-movement-ingest-indexes.js';
import { ImportWritePath1764300002600 } from './1764300002600-import-write-path.js';
import { DocumentNumberSearch1764300002800 } from './1764300002800-document-number-search.js';
import { MovementLogKeys1764300002900 } from './1764300002900-movement-log-keys.js';
import { ContactTotalsHashed1764300003000 } from './1764300003000-contact-totals-hashed.js';
import { ContactTotalsWithoutJit1764300003100 } from './1764300003100-contact-totals-without-jit.js';
import { ContactEncountersHashed1764300003200 } from './1764300003200-contact-encounters-hashed.js';
import { StaysVacuumedOften1764300003300 } from './1764300003300-stays-vacuumed-often.js';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  Identity1764300000000,
  Accreditation1764300000100,
  Inspection1764300000200,
  Movement1764300000300,
  InspectionHistory1764300000400,
  AccreditationSearch1764300000500,
  Security1764300000600,
  CardNumberSearchIndex1764300000700,
  ClosedLoop1764300001000,
  CardDenyList1764300001100,
  Sessions1764300001200,
  LeastPrivilege1764300001300,
  MovementAppend1764300001301,
  MovementCheckpoints1764300001302,
  PeopleNameSearch1764300001400,
  VenueCatalogue1764300001500,
  PersonPhotos1764300001501,
  CardPrintRuns1764300001502,
  Retention1764300001600,
  CheckInAnnulments1764300001700,
  PersonEdits1764300001800,
  CatalogueForAreas1764300001801,
  CheckInFunction1764300001900,
  MovementStays1764300002000,
  AppendOnly1764300002100,
  UserPreferredLanguage1764300002200,
  MovementIngestIndexes1764300002400,
  ImportWritePath1764300002600,
  DocumentNumberSearch1764300002800,
  MovementLogKeys1764300002900,
  ContactTotalsHashed1764300003000,
  ContactTotalsWithoutJit1764300003100,
  ContactEncountersHashed1764300003200,
  StaysVacuumedOften1764300003300,
];
