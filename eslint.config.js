// Type-aware lint for the TypeScript of the repo (scripts, tests, deploy modules, the Hardhat config).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "artifacts/**",
      "cache/**",
      "typechain-types/**",
      "coverage/**",
      "out/**",
      "node_modules/**",
      "web/dist/**",
    ],
  },
  {
    files: [
      "scripts/**/*.ts",
      "test/ts/**/*.ts",
      "deploy/**/*.ts",
      "hardhat.config.ts",
      "web/src/**/*.{ts,tsx}",
      "web/scripts/**/*.ts",
      "tools/mutate/**/*.ts",
    ],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Node runs the mutation tool by type stripping: an import of a type alone must say so, or Node looks for it at
    // run time.
    files: ["tools/mutate/**/*.ts"],
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
);
