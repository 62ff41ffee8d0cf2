/**
 * A classed pool's capital structure in plain words before it is sent (issue #13, docs/capital-structure.md): each
 * class most senior first — name and symbol, target, return cap as the factory will hold it, seniority — then the
 * provider's share of returns and the guarantee, from the struct `createClassedPool` takes (so an annually
 * compounded rate shows as the multiple the CLI's conversion made of it).
 */
import type { CapitalStructureStruct } from "../../../scripts/formats/capital-terms.js";
import { formatTokens, percentBps, type TokenUnits } from "../format";
import { capWords } from "../pool/Classes";

const ZERO = "0x0000000000000000000000000000000000000000";

function seniorityWords(i: number, count: number): string {
  if (count === 1) return "the only class";
  if (i === 0) return "most senior: paid first";
  if (i === count - 1) return "most junior: paid last, takes losses first";
  return `seniority ${i}: paid after class ${i - 1}`;
}

export function CapitalSummary({ capital, units }: { capital: CapitalStructureStruct; units: TokenUnits }) {
  const fmt = (x: bigint) => formatTokens(x, units);
  const count = capital.classes.length;
  return (
    <section aria-labelledby="capital-h" data-testid="capital-summary">
      <h2 id="capital-h">Capital structure</h2>
      <p>
        {count === 1 ? "One investor class" : `${count} investor classes`}, each with its own share token. Each point's
        payment goes down the classes in this order: a class gets its principal back, then its return up to its cap,
        before the next class gets anything.
      </p>
      <ol>
        {capital.classes.map((k, i) => (
          <li key={i} data-testid={`capital-class-${i}`}>
            <strong>
              {k.name} ({k.symbol})
            </strong>
            : raises {fmt(k.target)}; receives {capWords(k)}; {seniorityWords(i, count)}.
          </li>
        ))}
      </ol>
      <p data-testid="capital-provider-share">
        {capital.providerBps === 0 || capital.provider === ZERO ? (
          "No provider share: investors keep all of their returns."
        ) : (
          <>
            Provider share: {percentBps(capital.providerBps)} of every class's return above its principal goes to the
            provider <code className="address">{capital.provider}</code>.
          </>
        )}
      </p>
      <p data-testid="capital-guarantee">
        {capital.guarantee === 0n ? (
          "No guarantee."
        ) : (
          <>
            Guarantee: <code className="address">{capital.guarantor}</code> may post up to {fmt(capital.guarantee)}{" "}
            while the pool is funded; it covers the senior classes' principal shortfall at the last point, and the rest
            returns to the guarantor. Never posted, it covers nothing.
          </>
        )}
      </p>
    </section>
  );
}
