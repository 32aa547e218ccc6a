/**
 * Derivative-free minimisation (Nelder–Mead) for the CLV model fits.
 * Pure numeric code; NaN and ±Infinity from the objective are treated as +Infinity.
 */

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Iteration cap [2000]. */
  maxIterations?: number;
  /** Converged when max f − min f over the simplex ≤ tolerance·(1 + |min f|) [1e-10]. */
  tolerance?: number;
  /** Initial simplex: x0 plus `step` along each axis [0.5]. */
  step?: number;
  /** Also require every vertex within this distance of the best one, per coordinate [1e-6]. */
  xTolerance?: number;
}

/** Result of a minimisation. */
export interface MinimizeResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

function safe(f: (x: number[]) => number, x: number[]): number {
  const v = f(x);
  return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
}

/**
 * Minimise f from x0 with the Nelder–Mead simplex method, using the dimension-adaptive
 * coefficients of Gao & Han (2012). Converged when both the spread of f over the simplex and the
 * simplex size are within tolerance; otherwise stops at maxIterations with `converged: false`.
 * @param f objective; NaN and Infinity count as +Infinity
 * @param x0 start point (not modified)
 * @param options maxIterations [2000], tolerance [1e-10], step [0.5], xTolerance [1e-6]
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).x // ≈ [1, −2]
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-10;
  const step = options.step ?? 0.5;
  const xTolerance = options.xTolerance ?? 1e-6;
  const n = x0.length;
  if (n === 0) return { x: [], fx: safe(f, []), iterations: 0, converged: true };

  const alpha = 1;
  const gamma = 1 + 2 / n;
  const rho = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n || 0.5;

  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
  }
  const fs = pts.map((p) => safe(f, p));
  const order = pts.map((_, i) => i);
  const centroid = new Array<number>(n);
  const move = (coef: number, worst: number[]): number[] => {
    const out = new Array<number>(n);
    for (let j = 0; j < n; j++) out[j] = centroid[j] + coef * (worst[j] - centroid[j]);
    return out;
  };

  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    order.sort((i, j) => fs[i] - fs[j] || i - j);
    const best = order[0];
    const worst = order[n];
    const second = order[n - 1];
    const fBest = fs[best];
    const fWorst = fs[worst];
    if (Number.isFinite(fWorst) && fWorst - fBest <= tolerance * (1 + Math.abs(fBest))) {
      let size = 0;
      for (let i = 1; i <= n; i++) {
        const p = pts[order[i]];
        for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(p[j] - pts[best][j]));
      }
      if (size <= xTolerance) {
        converged = true;
        break;
      }
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const p = pts[order[i]];
      for (let j = 0; j < n; j++) centroid[j] += p[j] / n;
    }
    const xr = move(-alpha, pts[worst]);
    const fr = safe(f, xr);
    if (fr < fBest) {
      const xe = move(-alpha * gamma, pts[worst]);
      const fe = safe(f, xe);
      if (fe < fr) {
        pts[worst] = xe;
        fs[worst] = fe;
      } else {
        pts[worst] = xr;
        fs[worst] = fr;
      }
      continue;
    }
    if (fr < fs[second]) {
      pts[worst] = xr;
      fs[worst] = fr;
      continue;
    }
    // Contraction: outside when the reflection improved on the worst point, inside otherwise.
    const outside = fr < fWorst;
    const xc = move(outside ? -alpha * rho : rho, pts[worst]);
    const fc = safe(f, xc);
    if (outside ? fc <= fr : fc < fWorst) {
      pts[worst] = xc;
      fs[worst] = fc;
      continue;
    }
    // Shrink towards the best point.
    const pb = pts[best];
    for (let i = 1; i <= n; i++) {
      const k = order[i];
      const p = pts[k];
      for (let j = 0; j < n; j++) p[j] = pb[j] + sigma * (p[j] - pb[j]);
      fs[k] = safe(f, p);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (fs[i] < fs[bestIndex]) bestIndex = i;
  return { x: pts[bestIndex].slice(), fx: fs[bestIndex], iterations, converged };
}

/**
 * Start from several points and keep the best: a coarse Nelder–Mead run from each start
 * (tolerances √tolerance and √xTolerance), then a full-tolerance restart from the best end point
 * with a small step (which also rescues a simplex that collapsed away from the minimum).
 * `converged` reports that final run; `iterations` is the total over all runs.
 * @param starts one or more start points
 * @param options as {@link nelderMead}; maxIterations applies to each run
 * @example minimizeWithRestarts(f, [[0, 0, 0, 0], [-2.3, -2.3, -2.3, -2.3]])
 */
export function minimizeWithRestarts(
  f: (x: number[]) => number,
  starts: number[][],
  options: NelderMeadOptions = {},
): MinimizeResult {
  if (starts.length === 0) throw new RangeError('minimizeWithRestarts: at least one start point is required');
  const tolerance = options.tolerance ?? 1e-10;
  const xTolerance = options.xTolerance ?? 1e-6;
  const step = options.step ?? 0.5;
  const coarse = { ...options, tolerance: Math.sqrt(tolerance), xTolerance: Math.sqrt(xTolerance) };
  let best: MinimizeResult | null = null;
  let total = 0;
  for (const start of starts) {
    const run = nelderMead(f, start, coarse);
    total += run.iterations;
    if (best === null || run.fx < best.fx) best = run;
  }
  const coarseBest = best as MinimizeResult;
  const polish = nelderMead(f, coarseBest.x, { ...options, step: Math.min(step, 0.1) });
  total += polish.iterations;
  const result = polish.fx <= coarseBest.fx ? polish : { ...coarseBest, converged: polish.converged };
  return { ...result, iterations: total };
}

/** Options of {@link minimizeBfgs}. */
export interface BfgsOptions {
  /** Iteration cap [500]. */
  maxIterations?: number;
  /** Converged when every |∂f/∂xᵢ| ≤ gradientTolerance [1e-9]. */
  gradientTolerance?: number;
  /** Largest step length (max-norm) of one iteration [2]. */
  maxStep?: number;
}

/**
 * Minimise a smooth f with BFGS (inverse-Hessian update, backtracking Armijo line search, update
 * skipped when the curvature condition fails). `fg(x, g)` returns f(x) and writes ∇f(x) into g;
 * a NaN or infinite f counts as +Infinity (the step is shortened). Converged when the gradient's
 * max-norm is within gradientTolerance; `converged: false` when the iteration cap is hit or the
 * line search cannot make progress (f at its rounding floor) before that.
 * @example minimizeBfgs((x, g) => { g[0] = 2 * (x[0] - 1); return (x[0] - 1) ** 2; }, [0]).x // ≈ [1]
 */
export function minimizeBfgs(
  fg: (x: number[], g: number[]) => number,
  x0: number[],
  options: BfgsOptions = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-9;
  const maxStep = options.maxStep ?? 2;
  const n = x0.length;
  const evaluate = (x: number[], g: number[]): number => {
    const v = fg(x, g);
    if (!Number.isFinite(v)) return Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) if (!Number.isFinite(g[i])) return Number.POSITIVE_INFINITY;
    return v;
  };
  let x = x0.slice();
  let g = new Array<number>(n).fill(0);
  let fx = evaluate(x, g);
  if (!Number.isFinite(fx)) return { x, fx, iterations: 0, converged: false };
  // Inverse Hessian approximation, row-major; starts as the identity.
  const H = new Array<number>(n * n).fill(0);
  const resetH = () => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
  };
  resetH();
  let fresh = true; // H is the (unscaled) identity
  const gNorm = (v: number[]) => v.reduce((m, e) => Math.max(m, Math.abs(e)), 0);
  const d = new Array<number>(n);
  const xNew = new Array<number>(n);
  let gNew = new Array<number>(n).fill(0);
  const s = new Array<number>(n);
  const y = new Array<number>(n);
  const Hy = new Array<number>(n);
  let iterations = 0;
  let stalled = 0; // consecutive steps that decreased f by no more than rounding
  let converged = gNorm(g) <= gtol;
  for (; !converged && iterations < maxIterations; iterations++) {
    // Search direction d = −H·g; fall back to steepest descent if it is not a descent direction.
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      d[i] = v;
      slope += v * g[i];
    }
    if (!(slope < 0)) {
      resetH();
      fresh = true;
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = -g[i];
        slope -= g[i] * g[i];
      }
    }
    let step = 1;
    const dMax = gNorm(d);
    if (dMax * step > maxStep) step = maxStep / dMax;
    // Backtracking line search with Armijo condition (quadratic interpolation, bounded).
    let fNew = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
      fNew = evaluate(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      const quad = Number.isFinite(fNew) ? (-slope * step * step) / (2 * (fNew - fx - slope * step)) : 0.1 * step;
      step = Math.min(0.5 * step, Math.max(0.1 * step, quad));
    }
    if (!accepted) {
      if (fresh) break; // not even steepest descent makes progress: stop (not converged)
      resetH();
      fresh = true;
      continue;
    }
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    x = xNew.slice();
    const gt = g;
    g = gNew;
    gNew = gt;
    stalled = fx - fNew <= 4 * Number.EPSILON * Math.abs(fx) ? stalled + 1 : 0;
    fx = fNew;
    converged = gNorm(g) <= gtol;
    if (!converged && stalled >= 5) break; // at the rounding floor of f: no further progress possible
    if (sy > 1e-12 * Math.sqrt(yy) * Math.sqrt(s.reduce((m, e) => m + e * e, 0))) {
      if (fresh) {
        // Scale the identity before the first update (Nocedal & Wright 6.20).
        const c = sy / yy;
        for (let i = 0; i < n * n; i++) H[i] *= c;
        fresh = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs).
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
  }
  return { x, fx, iterations, converged };
}

/**
 * BFGS from each start (gradient tolerance 1e-9); the best end point wins, a converged run
 * preferred over an unconverged one at the same (rounding-level) value.
 */
export function bestBfgs(fg: (x: number[], g: number[]) => number, starts: readonly number[][]): MinimizeResult {
  let best: MinimizeResult | null = null;
  for (const start of starts) {
    const run = minimizeBfgs(fg, start, { gradientTolerance: 1e-9 });
    if (best === null) {
      best = run;
      continue;
    }
    const tie = Math.abs(run.fx - best.fx) <= 1e-12 * (1 + Math.abs(best.fx));
    if (tie ? run.converged && !best.converged : run.fx < best.fx) best = run;
  }
  if (best === null) throw new RangeError('bestBfgs: no start point');
  return best;
}

