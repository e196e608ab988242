// Typed calls to the app's commands. The types come from the Rust code (ts-rs), so a
// change on one side that the other does not follow fails to compile.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { Network } from "./bindings/Network";
import type { NetworkFilter } from "./bindings/NetworkFilter";
import type { NetworkInput } from "./bindings/NetworkInput";
import type { Overview } from "./bindings/Overview";

/** Every failed command rejects with this, so screens can show it next to a field. */
export class CommandError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
  }
  get field(): string | null {
    return this.payload.field;
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (e && typeof e === "object" && "message" in e && "code" in e) throw new CommandError(e as ErrorPayload);
    throw new CommandError({ code: "internal", message: String(e), field: null });
  }
}

export const api = {
  appStatus: () => call<Overview>("app_status"),
  loadDemo: () => call<void>("load_demo"),
  listNetworks: (filter: NetworkFilter) => call<Network[]>("list_networks", { filter }),
  getNetwork: (id: number) => call<Network>("get_network", { id }),
  createNetwork: (input: NetworkInput) => call<Network>("create_network", { input }),
  updateNetwork: (id: number, input: NetworkInput) => call<Network>("update_network", { id, input }),
  setNetworkActive: (id: number, active: boolean) => call<Network>("set_network_active", { id, active }),
  deleteNetwork: (id: number) => call<void>("delete_network", { id }),
  importNetworks: (path: string) => call<ImportSummary>("import_networks", { path }),
  exportNetworks: (path: string) => call<number>("export_networks", { path }),
};
