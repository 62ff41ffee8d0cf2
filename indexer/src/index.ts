/**
 * Indexing functions: one per event of every contract of the suite (a test checks this against the ABIs), in one
 * module per contract kind under handlers/, registered here. Every event is recorded in `event`; money and
 * lifecycle events also update the dashboard tables, with the same arithmetic as the exporter (scripts/open-data,
 * whose pure row builders the handlers import) so the numbers agree to the wei. The adapters (EAS resolver,
 * Chainlink-style feed) emit no events of their own, so they have no module: an EAS report arrives as the oracle's
 * `ReportSubmitted`.
 *
 * Ponder also runs every file of src/ (outside src/api) itself; the handler modules only define functions, so the
 * registration happens once, here.
 */
import { registerClassHandlers } from "./handlers/classes.js";
import { registerEscrowHandlers } from "./handlers/escrow.js";
import { registerOracleHandlers } from "./handlers/oracle.js";
import { registerPoolHandlers } from "./handlers/pool.js";
import { registerRegistryHandlers } from "./handlers/registry.js";
import { registerScheduleHandlers } from "./handlers/schedule.js";

registerRegistryHandlers();
registerOracleHandlers();
registerEscrowHandlers();
registerScheduleHandlers();
registerPoolHandlers();
registerClassHandlers();
