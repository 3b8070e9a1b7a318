import { text, type TextKey } from '../../../shared/i18n/text.js';
import { jobError } from '../../../shared/model/job.js';
import type { ConnectorKind } from '../../../shared/model/connection.js';
import type { Host, InventoryDocument, LiveMigrationSettings } from '../../../shared/model/inventory.js';
import type {
  ConnectorResult,
  HostConnector,
  MoveOutcome,
  MoveProgress,
  MoveRequest,
  RunningMove,
  VmPlacement,
  AffinityRuleChange,
} from '../../domain/connector/host-connector.js';
import { nameKey } from '../../domain/storage-paths/names.js';

/** Where a host group's actions go: a connector an admin chooses, or the lab's QEMU connector. */
export type ConnectorRoute = ConnectorKind | 'qemu';

const ROUTE_LABEL: Readonly<Record<ConnectorRoute, TextKey>> = { simulator: 'route.simulator', hyperv: 'route.hyperv', qemu: 'route.qemu' };

/**
 * The connector the scheduler and the services use: it sends each action to the simulator or to the
 * Hyper-V connector, by the connection settings of the host group of the host it acts on. Groups
 * nobody configured use the simulator, so the demo estate and offline plans keep working.
 */
export class RoutingConnector implements HostConnector {
  constructor(
    private readonly inventory: () => InventoryDocument,
    private readonly routeOf: (host: Host) => ConnectorRoute,
    private readonly connectors: Readonly<Record<ConnectorRoute, HostConnector>>,
  ) {}

  /** Which connector acts on a host (the simulator for a host the inventory doesn't know: it says so). */
  kindFor(host: string): ConnectorRoute {
    const h = this.inventory().hosts.find((x) => nameKey(x.name) === nameKey(host));
    return h ? this.routeOf(h) : 'simulator';
  }

  vmStart(vm: string, host: string): Promise<ConnectorResult> {
    return this.connectors[this.kindFor(host)].vmStart(vm, host);
  }

  vmSave(vm: string, host: string): Promise<ConnectorResult> {
    return this.connectors[this.kindFor(host)].vmSave(vm, host);
  }

  hostSettingsApply(host: string, settings: LiveMigrationSettings): Promise<ConnectorResult> {
    return this.connectors[this.kindFor(host)].hostSettingsApply(host, settings);
  }

  vmPlacementApply(vm: string, placement: VmPlacement): Promise<ConnectorResult> {
    const v = this.inventory().vms.find((x) => nameKey(x.name) === nameKey(vm));
    const connector = this.connectors[v ? this.kindFor(v.host) : 'simulator'];
    return connector.vmPlacementApply ? connector.vmPlacementApply(vm, placement) : Promise.resolve({ ok: true });
  }

  /** A cluster's affinity rules go to the connector of its hosts' group (the first host of the cluster decides). */
  affinityRuleApply(cluster: string, change: AffinityRuleChange): Promise<ConnectorResult> {
    const h = this.inventory().hosts.find((x) => x.cluster !== null && nameKey(x.cluster) === nameKey(cluster));
    const connector = this.connectors[h ? this.routeOf(h) : 'simulator'];
    return connector.affinityRuleApply ? connector.affinityRuleApply(cluster, change) : Promise.resolve({ ok: true });
  }

  vmLocate(vm: string): Promise<string | null> {
    const v = this.inventory().vms.find((x) => nameKey(x.name) === nameKey(vm));
    return this.connectors[v ? this.kindFor(v.host) : 'simulator'].vmLocate(vm);
  }

  moveStart(request: MoveRequest, onProgress: (progress: MoveProgress) => void): RunningMove {
    const from = this.kindFor(request.sourceHost);
    const to = this.kindFor(request.destinationHost);
    if (from !== to) {
      const outcome: MoveOutcome = {
        status: 'failed',
        ...jobError(
          text('fail.mixedRoutes', {
            source: request.sourceHost,
            from: text(ROUTE_LABEL[from]),
            destination: request.destinationHost,
            to: text(ROUTE_LABEL[to]),
          }),
          text('fail.mixedRoutes.action'),
        ),
        vmHost: request.sourceHost,
      };
      return { done: Promise.resolve(outcome), cancel: () => undefined };
    }
    return this.connectors[from].moveStart(request, onProgress);
  }
}
