// `make css`: bundle and minify portaal.css into static/css/portaal.min.css, and write the
// licence notices of the npm packages that end up in it to static/css/LICENTIES.txt.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const hier = new URL(".", import.meta.url).pathname;
const uit = join(hier, "..", "static", "css");
execFileSync(
  join(hier, "node_modules", ".bin", "lightningcss"),
  ["--bundle", "--minify", "portaal.css", "-o", join(uit, "portaal.min.css")],
  { cwd: hier, stdio: "inherit" },
);

const gebruikt = [...readFileSync(join(hier, "portaal.css"), "utf8").matchAll(/node_modules\/(@utrecht\/[a-z0-9-]+)\//g)].map((m) => m[1]);
const regels = [
  "Passende Plek — static/css/portaal.min.css",
  "",
  "Built with `make css` from ontwerp/ (our theme and layout layer, EUPL-1.2) and these",
  "NL Design System packages from the npm registry, each under its own licence:",
  "",
];
for (const naam of [...new Set(gebruikt)].sort()) {
  const map = join(hier, "node_modules", naam);
  const pakket = JSON.parse(readFileSync(join(map, "package.json"), "utf8"));
  regels.push(`${naam}@${pakket.version} — ${pakket.license}`);
  const licentie = readdirSync(map).find((f) => /^licen[cs]e/i.test(f));
  if (licentie && existsSync(join(map, licentie))) {
    const kop = readFileSync(join(map, licentie), "utf8").split("\n").slice(0, 3).join(" ").trim();
    regels.push(`  ${kop.slice(0, 160)}`);
  }
}
regels.push("", "Full licence text (EUPL-1.2): https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12", "");
writeFileSync(join(uit, "LICENTIES.txt"), regels.join("\n"));
console.log("static/css/portaal.min.css and static/css/LICENTIES.txt written");
