import { assertNever } from '../../../shared/model/result.js';
import type { TransferType } from '../../../shared/model/placement.js';
import type { MoveKind } from '../connector/host-connector.js';

/** The connector's kind of move for a Select Host transfer type. */
export function moveKindOf(type: TransferType): MoveKind {
  switch (type) {
    case 'Live':
      return 'live';
    case 'Live (VSM)':
      return 'live-vsm';
    case 'Quick':
      return 'quick';
    case 'Network':
      return 'network';
    default:
      return assertNever(type);
  }
}
