/**
 * Take part in a mission from its page: the connected account's roles (read from the registry on chain), a form to
 * take more (`MissionRegistry.join`, open to anyone: no permission asked) and, once joined, one to pledge.
 */
import { useState } from "react";
import { useConnection, useReadContract } from "wagmi";
import { missionRegistryAbi } from "../abis";
import { useAppConfig } from "../context";
import { ROLES, roleNames } from "../roles";
import { useTransaction } from "../tx";
import { PledgeForm } from "./PledgeForm";
import { TxStatus } from "./TxStatus";

export function JoinMission({ missionId }: { missionId: bigint }) {
  const { registry } = useAppConfig().contracts;
  const account = useConnection().address;
  const me = useReadContract({
    address: registry,
    abi: missionRegistryAbi,
    functionName: "getParticipant",
    args: account === undefined ? undefined : [missionId, account],
    query: { enabled: account !== undefined },
  });
  const [picked, setPicked] = useState(0);
  const { state, send, busy } = useTransaction();
  if (account === undefined) {
    return (
      <section aria-labelledby="join-h">
        <h2 id="join-h">Take part</h2>
        <p>Connect a wallet (top of the page) to join this mission.</p>
      </section>
    );
  }
  const held = me.data?.roles ?? 0;
  return (
    <section aria-labelledby="join-h">
      <h2 id="join-h">Take part</h2>
      <p data-testid="my-roles">
        {held === 0 ? "You have not joined this mission." : `You take part as: ${roleNames(held)}.`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send("Join", {
            address: registry,
            abi: missionRegistryAbi,
            functionName: "join",
            args: [missionId, picked],
            account,
          }).then((ok) => ok && setPicked(0));
        }}
      >
        <fieldset>
          <legend>Join as</legend>
          {ROLES.filter(([bit]) => (held & bit) === 0).map(([bit, name]) => (
            <label key={bit} className="check">
              <input
                type="checkbox"
                checked={(picked & bit) !== 0}
                onChange={(e) => setPicked(e.target.checked ? picked | bit : picked & ~bit)}
              />{" "}
              {name}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy || picked === 0}>
          Join
        </button>
      </form>
      <TxStatus state={state} />
      {held !== 0 && <PledgeForm missionId={missionId} account={account} />}
    </section>
  );
}
