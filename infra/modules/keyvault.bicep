param location string

@description('Globally unique Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Principal (managed identity) that reads the department secrets.')
param principalId string

@description('Department codes; a secret named department-<code>-secret is created for each one.')
param departmentCodes array

@secure()
@description('Initial department webhook secrets as a JSON object {code: secret}; pass at deploy time, never commit.')
param departmentSecrets object = {}

@secure()
@description('Base64 AES key for the applicant data (Applications__DataKey); empty leaves the secret to be set later.')
param dataKey string = ''

@description('Name of the Key Vault secret holding the applicant data key.')
param dataKeySecretName string = 'applications-data-key'

param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Only departments given a secret at deploy time get one; the rest are set later by the operator (az keyvault secret set).
resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for code in departmentCodes: if (contains(departmentSecrets, code)) {
  parent: vault
  name: 'department-${code}-secret'
  properties: {
    value: departmentSecrets[?code] ?? ''
    contentType: 'text/plain'
  }
}]

resource dataKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(dataKey)) {
  parent: vault
  name: dataKeySecretName
  properties: {
    value: dataKey
    contentType: 'text/plain'
  }
}

// Key Vault Secrets User.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, principalId, secretsUserRoleId)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
}

output uri string = vault.properties.vaultUri
// Versionless secret URIs for Key Vault references (the platform picks up a new version within a day, or on restart).
output dataKeySecretUri string = '${vault.properties.vaultUri}secrets/${dataKeySecretName}'
output departmentSecretUris object = toObject(departmentCodes, code => code, code => '${vault.properties.vaultUri}secrets/department-${code}-secret')
output name string = vault.name
