// The list's files import the document from their own folder.
export { organizationDocument } from "../../core/organizations.dto";
