// The function app on Azure Functions Flex Consumption (Linux, .NET isolated worker).
// Flex sets the runtime and the Functions version through functionAppConfig: FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION must not be app settings (the platform rejects them; scripts/infra-check.sh checks).
param location string
param namePrefix string

@description('Globally unique name of the function app (<name>.azurewebsites.net).')
param appName string

param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity, for DefaultAzureCredential / ManagedIdentityCredential and AzureWebJobsStorage.')
param identityClientId string

@secure()
param appInsightsConnectionString string

param storageAccountName string

@description('URL of the blob container the app package is deployed to (storage.bicep output deploymentContainerUrl).')
param deploymentContainerUrl string

@description('Front-end origins browsers may call the API from (the Functions host answers CORS, preflights included).')
param corsOrigins array

param cosmosEndpoint string
param keyVaultUri string

@description('Versionless Key Vault secret URI of the applicant data key (Applications__DataKey).')
param dataKeySecretUri string

@description('Versionless Key Vault secret URI per department code ({code: uri}), exposed as Departments__<code>__Secret.')
param departmentSecretUris object

@description('App settings beyond the ones this module sets: [{name, value}].')
param extraSettings array = []

@description('Memory of each instance in MB (Flex Consumption instance sizes).')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances per function group or function: [{name: \'http\' | \'durable\' | \'blob\' | \'function:<Name>\', instanceCount}]. Billed while idle; empty = scale to zero.')
param alwaysReady alwaysReadyEntry[] = []

type alwaysReadyEntry = {
  @description('A function group (http, durable, blob) or function:<FunctionName>.')
  name: string
  @minValue(0)
  instanceCount: int
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

// Secrets are Key Vault references resolved by the platform with keyVaultReferenceIdentity. An unresolved
// reference (secret not set yet, no access) leaves the literal '@Microsoft.KeyVault(...)' text as the value.
var keyVaultSettings = concat(
  [ { name: 'Applications__DataKey', value: '@Microsoft.KeyVault(SecretUri=${dataKeySecretUri})' } ],
  map(items(departmentSecretUris), d => { name: 'Departments__${d.key}__Secret', value: '@Microsoft.KeyVault(SecretUri=${d.value})' }))

var baseSettings = [
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  { name: 'AZURE_CLIENT_ID', value: identityClientId }
  // Host storage and the Durable Functions task hub (Azure Storage provider) in the same account, by identity.
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'Cosmos__Endpoint', value: cosmosEndpoint }
  { name: 'Cosmos__Database', value: 'onewindow' }
  { name: 'KeyVault__Uri', value: keyVaultUri }
  // Rate limits partition by client address: behind the front end it is the last X-Forwarded-For entry (the Functions
  // host forwards the header to the worker as it received it).
  { name: 'RateLimiting__ForwardedHops', value: '1' }
  // The Development-only functions are compiled into the app; in Azure the host does not even load them (they also
  // answer 404 outside Development).
  { name: 'AzureWebJobs.DevelopmentToken.Disabled', value: 'true' }
  { name: 'AzureWebJobs.DevelopmentClock.Disabled', value: 'true' }
  { name: 'AzureWebJobs.AdvanceDevelopmentClock.Disabled', value: 'true' }
]

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      cors: { allowedOrigins: corsOrigins, supportCredentials: false }
      appSettings: concat(baseSettings, keyVaultSettings, extraSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
      }
      // The TargetFramework of functions/OneWindow.Functions (net10.0); scripts/infra-check.sh keeps them equal.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output planName string = plan.name
