import { createContext } from "preact";
import { useContext } from "preact/hooks";

export const SELF = "'self'";
export const UNSAFE_INLINE = "'unsafe-inline'";
export const UNSAFE_EVAL = "'unsafe-eval'";
export const UNSAFE_HASHES = "'unsafe-hashes'";
export const NONE = "'none'";
export const STRICT_DYNAMIC = "'strict-dynamic'";

export function nonce(value: string): string {
  return `'nonce-${value}'`;
}

export interface ContentSecurityPolicy {
  directives: ContentSecurityPolicyDirectives;
  reportOnly: boolean;
}

/** Directive names in camelCase; each becomes its kebab-case CSP directive. */
export interface ContentSecurityPolicyDirectives {
  childSrc?: string[];
  connectSrc?: string[];
  defaultSrc?: string[];
  fontSrc?: string[];
  frameSrc?: string[];
  imgSrc?: string[];
  manifestSrc?: string[];
  mediaSrc?: string[];
  objectSrc?: string[];
  prefetchSrc?: string[];
  scriptSrc?: string[];
  scriptSrcElem?: string[];
  scriptSrcAttr?: string[];
  styleSrc?: string[];
  styleSrcElem?: string[];
  styleSrcAttr?: string[];
  workerSrc?: string[];
  baseUri?: string[];
  sandbox?: string[];
  formAction?: string[];
  frameAncestors?: string[];
  navigateTo?: string[];
  reportUri?: string;
}

/** The policy of the page being rendered, present only for routes with `config.csp = true`. */
export const CSP_CONTEXT = createContext<ContentSecurityPolicy | undefined>(undefined);

/** Lets a component adjust the page's Content-Security-Policy (routes with `config.csp = true`). */
export function useCSP(mutator: (csp: ContentSecurityPolicy) => void): void {
  const csp = useContext(CSP_CONTEXT);
  if (csp) mutator(csp);
}
