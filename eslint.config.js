// ESLint for the portal's JavaScript (npx eslint .): the browser's ES modules, the two classic
// scripts Material loads, and the node tests and bench (CommonJS). Formatting is Prettier's.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

const ASSETS = "generator/static/assets/coop-portal/";

module.exports = [
  { ignores: ["node_modules/", "site/", "site.tmp/", ".venv/", "bench/results/", "**/site/"] },
  js.configs.recommended,
  {
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-var": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: [ASSETS + "boot.js", ASSETS + "components/**/*.js", ASSETS + "modules/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    files: [ASSETS + "embed.js", ASSETS + "material-helpers.js", ASSETS + "redirect.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  { files: ["tests/js/**/*.js", "bench/**/*.js", "eslint.config.js"], languageOptions: { sourceType: "commonjs", globals: globals.node } },
];
