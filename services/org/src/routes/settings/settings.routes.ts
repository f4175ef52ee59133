import type { z } from "@hono/zod-openapi";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { etagHeader, IfMatchHeaders } from "../../lib/etag";
import { OrgIdParams } from "../../lib/params";
import {
  BrandingSchema,
  ContactSchema,
  FeaturesSchema,
  PutBrandingSchema,
  PutContactSchema,
  PutFeaturesSchema,
  type SettingsGroup,
  SettingsSchema,
} from "./settings.schemas";

const tags = ["Settings"];
const base = "/api/v1/organizations/{id}/settings";
const read = { principals: ["service", "user"], scope: { param: "id" } } as const;
const write = { ...read, minRole: "admin" } as const;
const tagged = <T extends z.ZodType>(schema: T, description: string) => ({
  ...dataResponse(schema, description),
  headers: etagHeader,
});

export const getAll = guardedRoute(read, {
  method: "get",
  path: base,
  tags,
  summary: "All settings groups, with defaults filled in",
  request: { params: OrgIdParams },
  responses: { 200: tagged(SettingsSchema, "The settings"), ...errorsFor("NOT_FOUND") },
});

function groupRoutes<G extends z.ZodType, P extends z.ZodType>(group: SettingsGroup, schema: G, put: P) {
  return {
    get: guardedRoute(read, {
      method: "get",
      path: `${base}/${group}`,
      tags,
      summary: `The ${group} settings`,
      request: { params: OrgIdParams },
      responses: { 200: tagged(schema, `The ${group} settings`), ...errorsFor("NOT_FOUND") },
    }),
    put: guardedRoute(write, {
      method: "put",
      path: `${base}/${group}`,
      tags,
      summary: `Replace the ${group} settings (omitted fields return to their defaults; honours If-Match)`,
      description: "Full replace of the group's writable fields; to change some fields only, use PATCH.",
      request: { params: OrgIdParams, headers: IfMatchHeaders, body: jsonBody(put) },
      responses: {
        200: tagged(schema, `The ${group} settings`),
        ...errorsFor("NOT_FOUND", "PRECONDITION_FAILED"),
      },
    }),
    patch: guardedRoute(write, {
      method: "patch",
      path: `${base}/${group}`,
      tags,
      summary: `Change only the given ${group} settings (honours If-Match)`,
      description: "Fields not in the body keep their values; a nullable field sent as null is cleared.",
      request: { params: OrgIdParams, headers: IfMatchHeaders, body: jsonBody(put) },
      responses: {
        200: tagged(schema, `The ${group} settings`),
        ...errorsFor("NOT_FOUND", "PRECONDITION_FAILED"),
      },
    }),
  };
}

export const branding = groupRoutes("branding", BrandingSchema, PutBrandingSchema);
export const contact = groupRoutes("contact", ContactSchema, PutContactSchema);
export const features = groupRoutes("features", FeaturesSchema, PutFeaturesSchema);

export type GetAllRoute = typeof getAll;
export type GroupRoutes = typeof branding | typeof contact | typeof features;
