// What nearly every use case needs: its messages and handlers (Mediator), the unit of work, and the exceptions the
// Web layer maps to status codes.
global using IntegrationHub.Application.Common.Exceptions;
global using IntegrationHub.Application.Common.Interfaces;
global using Mediator;
global using Microsoft.EntityFrameworkCore;
