import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * Which routes the weapp main package needs, derived from the code rather than kept as a list.
 *
 * Every route name the mini-program calls is a string literal somewhere in miniapp/src (callApi,
 * downloadRoute, uploadSpreadsheet take typed RouteName literals). The main package is src/app.tsx
 * and the pages under src/pages/ with everything they import from src/; a route whose name is
 * written in one of those files goes into the main package's table (API_ROUTES), every other route
 * into the subpackages' table (API_SUBPACKAGE_ROUTES), which src/api/subpackageRoutes.ts registers
 * when any subpackage module loads. So a route only subpackage pages call costs the main package
 * nothing, and a new page or route needs no list kept up to date.
 *
 * Erring is one-sided: a literal that merely equals a route name keeps that route in the main
 * table (a few bytes); a route called from the main package but left out would fail loudly
 * (routeRegistry.ts), and test/build/route-split.test.ts checks the split.
 */

/** A route as the client needs it: `'<method> <path>'`, e.g. `'get /api/calls/:id'`. */
export type RouteTable = Record<string, string>

export interface RouteSplit {
  main: RouteTable
  subpackages: RouteTable
  /** The files read as the main package's code, relative to src/. */
  mainFiles: string[]
}

const SOURCE = /\.tsx?$/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/** A relative import as webpack resolves it here: the file, or its index; undefined for css, images and packages. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  const base = path.resolve(path.dirname(from), spec)
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
    (candidate) => SOURCE.test(candidate) && existsSync(candidate) && statSync(candidate).isFile(),
  )
}

/** The relative modules a file loads at run time (`import type` erases, so it is skipped), and the string literals of its code. */
function readModule(file: string): { imports: string[]; literals: string[] } {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX)
  const imports: string[] = []
  const literals: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) imports.push(node.moduleSpecifier.text)
      return
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) imports.push(node.moduleSpecifier.text)
      return
    }
    if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        imports.push(node.arguments[0].text)
      }
    }
    // Types emit nothing: `ResponseOf<'listOutbox'>` names a route without calling it.
    if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return
    if (ts.isStringLiteralLike(node)) literals.push(node.text)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { imports, literals }
}

/** src/app.tsx, the pages under src/pages/, and every module of src/ they import, transitively. */
export function mainPackageFiles(srcDir: string): string[] {
  const pages = path.join(srcDir, 'pages')
  const queue = [path.join(srcDir, 'app.tsx'), ...sourceFiles(pages)]
  const seen = new Set<string>()
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const spec of readModule(file).imports) {
      const target = resolveImport(file, spec)
      if (target && target.startsWith(srcDir + path.sep)) queue.push(target)
    }
  }
  return [...seen].sort()
}

export function splitRoutes(srcDir: string, routes: Record<string, { method: string; path: string }>): RouteSplit {
  const files = mainPackageFiles(srcDir)
  const named = new Set(files.flatMap((file) => readModule(file).literals))
  const split: RouteSplit = { main: {}, subpackages: {}, mainFiles: files.map((f) => path.relative(srcDir, f)) }
  for (const [name, route] of Object.entries(routes)) {
    split[named.has(name) ? 'main' : 'subpackages'][name] = `${route.method} ${route.path}`
  }
  return split
}
