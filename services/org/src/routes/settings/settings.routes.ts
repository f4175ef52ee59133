import type { z } from "@hono/zod-openapi";
import { dataResponse, errorsFor, jsonBody } from "@svc/platform";
import { guardedRoute } from "../../lib/access";
import { etagHeader, IfMatchHeaders, staleResponse } from "../../lib/etag";
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
  operationId: "getOrganizationSettings",
  summary: "Get all settings",
  description:
    "Branding, contact and features, with defaults filled in for anything never set. Sends an ETag.",
  request: { params: OrgIdParams },
  responses: { 200: tagged(SettingsSchema, "The settings"), ...errorsFor("NOT_FOUND") },
});

const capitalized = (group: SettingsGroup) => `${group[0]?.toUpperCase()}${group.slice(1)}`;

function groupRoutes<N extends SettingsGroup, G extends z.ZodType, P extends z.ZodType>(
  group: N,
  schema: G,
  put: P,
  example: z.input<P>,
) {
  return {
    get: guardedRoute(read, {
      method: "get",
      path: `${base}/${group}`,
      tags,
      operationId: `getOrganization${capitalized(group)}Settings`,
      summary: `Get the ${group} settings`,
      description: `The ${group} settings group, with defaults filled in. Sends an ETag for If-Match.`,
      request: { params: OrgIdParams },
      responses: { 200: tagged(schema, `The ${group} settings`), ...errorsFor("NOT_FOUND") },
    }),
    put: guardedRoute(write, {
      method: "put",
      path: `${base}/${group}`,
      tags,
      operationId: `replaceOrganization${capitalized(group)}Settings`,
      summary: `Replace the ${group} settings`,
      description:
        `Admins: replaces the ${group} settings group; omitted fields return to their defaults (to change ` +
        "some fields only, use PATCH). Honours If-Match (a stale ETag is 412).",
      request: { params: OrgIdParams, headers: IfMatchHeaders, body: jsonBody(put, example) },
      responses: {
        200: tagged(schema, `The ${group} settings`),
        ...errorsFor("NOT_FOUND"),
        ...staleResponse,
      },
    }),
    patch: guardedRoute(write, {
      method: "patch",
      path: `${base}/${group}`,
      tags,
      operationId: `updateOrganization${capitalized(group)}Settings`,
      summary: `Change some of the ${group} settings`,
      description:
        "Admins: fields not in the body keep their values; a nullable field sent as null is cleared. Honours " +
        "If-Match (a stale ETag is 412).",
      request: { params: OrgIdParams, headers: IfMatchHeaders, body: jsonBody(put, example) },
      responses: {
        200: tagged(schema, `The ${group} settings`),
        ...errorsFor("NOT_FOUND"),
        ...staleResponse,
      },
    }),
  };
}

export const branding = groupRoutes("branding", BrandingSchema, PutBrandingSchema, {
  primaryColorHex: "#1A2B3C",
});
export const contact = groupRoutes("contact", ContactSchema, PutContactSchema, {
  platformName: "Acme",
  supportEmail: "support@acme.example",
  timezone: "Europe/Berlin",
});
export const features = groupRoutes("features", FeaturesSchema, PutFeaturesSchema, {
  enableSignups: true,
  enablePurchases: false,
});

export type GetAllRoute = typeof getAll;
export type GroupRoutes = typeof branding | typeof contact | typeof features;
